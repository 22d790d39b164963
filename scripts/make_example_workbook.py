"""Write inputs/quarterly-report-2019-11.xlsx: the seed report typed into docgen's workbook.

Source: Lancashire Constabulary's quarterly report to the Strategic Scrutiny Meeting of
21 November 2019 (../shared/seeds/quarterly-report-2019-11.txt). Figures are the seed's own;
derived figures (changes, totals, percentages) are left to docgen, and the narrative quotes
measures by reference so it cannot drift from the tables. Graphs whose data the seed does not
give are left out.

    python scripts/make_example_workbook.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.table import Table, TableStyleInfo

from docgen.blank import new_workbook, write_cell

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "inputs" / "quarterly-report-2019-11.xlsx"

SETTINGS = {
    "Report to": "Strategic Scrutiny Meeting",
    "Meeting date": dt.datetime(2019, 11, 21),
    "Title": "Quarterly Report",
    "Agenda item": "Item 2",
    "Organisation": "Lancashire Constabulary",
    "Author": "Lancashire Constabulary",
    "Subject": "Performance of Lancashire Constabulary, quarter 2 2019/20",
    "Keywords": "performance; scrutiny; quarterly report",
    "Previous period": "Oct '17 - Sep '18",
    "Current period": "Oct '18 - Sep '19",
    "Previous heading": "Previous period",
    "Change heading": "In Year Performance Versus Previous Period",
    "Current heading": "In Year Performance",
    "Appendix title": "Appendix A: Performance data for Strategic Scrutiny Meeting November 2019",
}

COUNT, PCT, ONE_DP, WHOLE, MONEY = "#,##0", "0%", "0.0", "0", '"£"0.0"m"'
PLP = "Protecting Local Policing"
TCR = "Tackling Crime & Re-offending"
SVP = "Supporting Vulnerable People & Victims"
DCC = "Developing Confident Communities"
QUARTER = ("Jul '18 - Sep '18", "Jul '19 - Sep '19")
CSEW_PERIODS = ("Jul '17 - Jun '18", "Jul '18 - Jun '19")

# (ID, theme, measure, previous, current, kind, better, target, note, format, periods, appendix)
MEASURES = [
    ("FL_VISIBLE_SPEND", PLP, "Force Budget Spent on Front Line Policing: visible",
     51.4, 52.0, "money", "neither", None, "", MONEY, QUARTER, True),
    ("FL_VISIBLE", PLP, "Proportion of Force Budget Spent on Front Line Policing: visible",
     0.39, 0.376, "percentage", "neither", None, "", "0.0%", QUARTER, True),
    ("FL_NONVISIBLE_SPEND", PLP, "Force Budget Spent on Front Line Policing: non visible",
     42.8, 45.3, "money", "neither", None, "", MONEY, QUARTER, True),
    ("FL_NONVISIBLE", PLP, "Proportion of Force Budget Spent on Front Line Policing: non visible",
     0.32, 0.328, "percentage", "neither", None, "", "0.0%", QUARTER, True),
    ("GRADE1", PLP, "Grade 1 - Emergency Response Median Time to Arrive (Target <15 Mins)",
     9.8, 10.2, "minutes", "lower", 15, "", ONE_DP, None, True),
    ("GRADE2", PLP, "Grade 2 - Priority Response Median Time to Arrive (target <1 hour)",
     31.2, 33.0, "minutes", "lower", 60, "", ONE_DP, None, True),
    ("GRADE3", PLP, "Grade 3 - Routine Response Median Time to Arrive (<48 hours)",
     479, 1033, "minutes", "lower", 2880, "", WHOLE, None, True),
    ("CALLS999_SL", PLP, "999 Calls - Service Level < 10 secs",
     0.749, 0.756, "percentage", "higher", None, "", "0.0%", None, True),
    ("CALLS999_TTA", PLP, "999 Calls - Time To Answer (Average)",
     8.5, 8.8, "seconds", "lower", None, "", ONE_DP, None, True),
    ("CALLS101_SL", PLP, "101 Calls - Service Level",
     0.423, 0.384, "percentage", "higher", None, "", "0.0%", None, True),
    ("CALLS101_TTA", PLP, "101 Calls - Time To Answer (Average)",
     157, 204, "seconds", "lower", None, "", WHOLE, None, True),
    ("ALL_CRIME", TCR, "All Crime", 152063, 155255, "count", "lower", None, "", COUNT, None, True),
    ("VWI", TCR, "Violence with injury", 19048, 17753, "count", "lower", None, "", COUNT, None,
     True),
    ("VWOI", TCR, "Violence without injury", 21081, 23874, "count", "lower", None, "", COUNT,
     None, True),
    ("BURGLARY", TCR, "Burglary Residential", 8706, 8793, "count", "lower", None, "", COUNT,
     None, True),
    ("ROBBERY", TCR, "Robbery (Personal)", 901, 1159, "count", "lower", None, "", COUNT, None,
     True),
    ("PUBLIC_ORDER", TCR, "Public Order", 12186, 12692, "count", "lower", None, "", COUNT, None,
     True),
    ("ASB", TCR, "Number of Anti-Social Behaviour Incidents", 57947, 52484, "count", "lower",
     None, "", COUNT, None, True),
    ("RAPE", SVP, "Rape", 1518, 1573, "count", "neither", None, "", COUNT, None, True),
    ("OTHER_SEXUAL", SVP, "Other Sexual Offences", 3436, 3299, "count", "neither", None, "",
     COUNT, None, True),
    ("CSE", SVP, "CSE Crime", 713, 554, "count", "neither", None, "", COUNT, None, True),
    ("MDS", SVP, "Modern Slavery Crimes (Only introduced 1st April 2015)", 101, 108, "count",
     "neither", None, "", COUNT, None, True),
    ("DA", SVP, "Domestic Abuse Crime", 19850, 20107, "count", "neither", None, "", COUNT, None,
     True),
    ("HATE", SVP, "Hate Crime", 2838, 2637, "count", "neither", None, "", COUNT, None, True),
    ("MISSING", SVP, "Missing Person Incidents*", 9971, 10182, "count", "lower", None,
     "*SQL query in Storm", COUNT, None, True),
    ("SAT_BURGLARY", DCC, "User Satisfaction - Burglary", 0.72, 0.69, "percentage", "higher",
     None, "", PCT, None, True),
    ("SAT_VIOLENT", DCC, "User Satisfaction - Violent", 0.74, 0.74, "percentage", "higher", None,
     "", PCT, None, True),
    ("SAT_HATE", DCC, "User Satisfaction - Hate", 0.70, 0.66, "percentage", "higher", None, "",
     PCT, None, True),
    ("SAT_DA", DCC, "User Satisfaction \u2013 Domestic Abuse", 0.85, 0.86, "percentage",
     "higher", None, "", PCT, None, True),
    ("SAT_ASB", DCC, "User Satisfaction - Anti-Social Behaviour", 0.64, 0.66, "percentage",
     "higher", None, "", PCT, None, True),
    ("CSEW", DCC, "Confidence - CSEW (Overall Confidence)", 0.77, 0.72, "percentage", "higher",
     None, "CSEW data is 3 months behind", PCT, CSEW_PERIODS, True),
    ("KNIFE_Q1", TCR, "Knife crimes recorded in Q1 (Apr - Jun)", 264, 331, "count", "lower",
     None, "Q1 2018/19 vs Q1 2019/20", COUNT, None, False),
]

THEMES = [
    (TCR, "Taken from Recorded Crime dashboard unless stated with *"),
    (SVP, "Taken from Recorded Crime dashboard unless stated with *"),
]

IMPLICATIONS = [
    ("Financial:", "Nil"),
    ("Legal:", "Nil"),
    ("Equality Impact Assessment:", "Nil"),
    ("Risks and Impact:", "Nil"),
    ("Link to Police and Crime Plan:", "Provides a performance update in relation to the "
     "measures reported to the Police and Crime Panel."),
]

CHARTS = [
    ("Domestic abuse by month", "line", "DomesticAbuseMonthly", "rows",
     "Domestic abuse crimes / investigations by month", "Month", "Crimes / investigations", "",
     "", "no"),
    ("Knife crime per 100k", "line", "KnifeCrimeMSG", "rows",
     "Knife crimes per 100k population, Most Similar Group", "Year", "Crimes per 100k",
     "Total, % Increase", "", "no"),
]

# (level, heading, text, insert, caption)
NARRATIVE = [
    (1, "Issue for Consideration",
     "The purpose of this report is to provide an update in relation to the performance of "
     "Lancashire Constabulary.", "", ""),
    (1, "Recommendation",
     "The Commissioner is requested to review the report and make comments as appropriate.",
     "", ""),
    (1, "Background",
     "This report advises the Commissioner of the performance of Lancashire Constabulary "
     "against the agreed performance indicators which are reported to the Police and Crime "
     "Panel. Crime data is taken from Forcesight (up to 30th September 2019) or the "
     "Constabulary's recorded crime Better Impact Dashboard. The data source will be stated "
     "in each relevant section.", "", ""),
    (1, "Protecting Local Policing", "", "", ""),
    (2, "Proportion of budget spent on front-line policing.",
     "As the Commissioner will recall it was noted in the last report that the proportion of "
     "expenditure on Business Support costs is higher in quarter one as some annual costs are "
     "paid at the beginning of the financial year. As a result the percentage of the budget "
     "spent on Operational Frontline Policing appeared low. This position is now starting to "
     "level out as the year progresses and the proportion is now 70.4% compared with 67.7% at "
     "the end of the first quarter.",
     "FrontlineSpend", "Expenditure on Frontline policing vs other spending"),
    (None, "",
     "*Other represents costs such as OPCC, capital financing, pensions and national "
     "policing.*", "", ""),
    (2, "Summary of the Policing of the Cuadrilla Fracking Site on Preston New Road (PNR) "
     "Kirkham Jun \u2013 Nov 2019", "Verbal update to be given", "", ""),
    (2, "Citizens in policing",
     "The Commissioner will recall the last report updated on the changes being made to the "
     "Lancashire Volunteer Partnership (LVP) and the new integration of the Our Lancashire "
     "programme.\n"
     "The Our Lancashire programme will complement the already successful LVP in supporting "
     "public service volunteering and providing a prevention programme that reduces "
     "vulnerability and prevents people reaching crisis.\n"
     "Our Lancashire is a brand new space and support platform for community groups and local "
     "events. The website is now live and looks to encourage local groups to join and reap the "
     "benefits of belonging to a one stop shop for community events in Lancashire.\n"
     "The platform signposts elected members and public services to events in their areas "
     "where contact can be made with local community builders.\n"
     "Investment by the Commissioner has allowed Our Lancashire to be adequately resourced for "
     "sustainability across the county. A representative of Our Lancashire will be provided "
     "for each of the nine areas, their role being to support community safety partnerships "
     "and encourage the start-up of groups that make communities more connected and "
     "resilient.\n"
     "A launch date has been set for \u2018Lancashire Day\u2019 on 27th November 2019 at "
     "Blackpool Tower Ballroom.\n"
     "Our Lancashire is also a national pilot supported by the Office for Civil Responsibility "
     "who are keen to see its development with a view to using it as a template for delivery "
     "of social action nationally.", "", ""),
    (3, "Volunteers",
     "LVP now has 5,000 public service volunteers across Lancashire and supports hundreds of "
     "vulnerable people who are referred to LVP by their partners. LVP are actively "
     "encouraging local authorities who are currently not already partners, to join and the "
     "PCC has provided subsidised rates for them to integrate into their volunteering offer.",
     "", ""),
    (3, "Cadets",
     "Following a recent review of the Constabulary\u2019s Volunteer Police Cadet Programme "
     "(VPCP) a new 5 year partnership with the Princes Trust has been agreed. This new "
     "partnership upholds the values of the programme and will offer young people life skills "
     "along with opportunities to engage in community projects and social action initiatives. "
     "Following a Lancashire wide recruitment process, which was ultimately oversubscribed, "
     "the new school year, sees all cadet places filled. Work has commenced on a new "
     "governance structure for the Cadets which will see the formation of a new Cadet Board "
     "chaired by a senior police officer to oversee delivery of the programme and to ensure it "
     "focusses on prevention of harm and reducing vulnerability in young people. This will "
     "herald new pieces of work around transparency and safeguarding as part of Lancashire's "
     "role in being a pilot area for the national VPCP.", "", ""),
    (3, "Special Constabulary",
     "The added value that the Constabulary's Special Constabulary brings to policing "
     "Lancashire was recognised at an award ceremony at Police Headquarters in September where "
     "family and friends supported winners who had shown great commitment and bravery in their "
     "volunteer role. The Special's Review has now been fully implemented and the support that "
     "the 259 Special's give to operational policing continues to increase.\n"
     "In the last quarter the Special Constabulary have supported Lancashire with its "
     "substantial commitment logging 13,456 hours of operational policing (*Immediate Response "
     "(IR), Neighbourhood Policing (NHP), Cyber, Roads Policing, Operations, Events and Rural "
     "Crime*) and an additional 4,960 hours of essential training, briefings and "
     "administration. This includes assisting at scenes for the recent murders across the "
     "county, supporting at the various football matches and they have provided additional "
     "support for mischief and bonfire nights.", "", ""),
    (1, "Tackling Crime and Reoffending", "", "", ""),
    (2, "Recorded Crime",
     "As anticipated, recorded crime increases have continued to level off. There was a "
     "{ALL_CRIME amount %} {ALL_CRIME direction} in recorded offences from {ALL_CRIME previous} "
     "to {ALL_CRIME current} year on year (October 17'-Sept' '18 compared with October '18 "
     "\u2013 Sept '19). This quarter, (Q2 2019-20) is the first which allows for a more "
     "meaningful year on year comparison, given that recorded crime increased sharply in Q1 "
     "2018-19, following interventions as a result of Her Majesty's Inspectorate of "
     "Constabularies Fire and Rescue Services (HMICFRS') Crime Data Integrity (CDI) "
     "inspections. The minimal year on year change reported to September 2019 provides "
     "affirmation for the Constabulary's assertion that the increases seen over the past year "
     "were largely attributable to changes in crime recording practices.\n"
     "This pattern (of previous increases slowing down), can be seen across most crime types, "
     "perhaps most notably in Public Order and Violence with Injury offences, which show a "
     "reduction, when in-year performance is compared with the previous 12-month period or "
     "the same quarter last year.", "OffenceTypes", ""),
    (None, "",
     "The impact of CDI on Antisocial Behaviour (ASB) incidents and Public Order offences is "
     "still apparent but continues to plateau, as previously highlighted. ASB is {ASB trend} "
     "{ASB amount %} ({ASB change} incidents; 12 months to end of September 2019). However, "
     "the rates of decrease in ASB and increase in Public Order have slowed considerably since "
     "the last report.\n"
     "Previously reported increases in Personal Robbery continue, although increases in the 12 "
     "months to September 2019 ({ROBBERY change %}; {ROBBERY amount}) compare favourably with "
     "the 43% year-on-year increase to June this year, as does the 6% increase (20 offences) "
     "between this quarter and the same period last year (54% increase at last report). "
     "Robbery of Business Property shows annual change of -15% (17 offences). The continued "
     "rise of personal robbery is of concern, but the reduced rate of increase is consistent "
     "with the trend for all recorded crime (in levelling off). Therefore, it is likely that "
     "changes to crime recording practices were responsible for some of the larger "
     "year-on-year increases reported previously. Organised robbery remains a regional and "
     "force priority.", "", ""),
    (2, "Crime Threats", "", "", ""),
    (3, "ATM Offences",
     "Attacks on Cash Machines (ATMs: Automated Teller Machines) continues to be an issue in "
     "both the county and nationwide. These attacks include gas attacks and ram raids. One OCG "
     "targeting ATMS across the North of England is due at court for trial in January 2020 "
     "following proactive targeting by Lancashire Constabulary.\n"
     "There have also been other successes across the Region in targeting Organised Serious "
     "Acquisitive Crime offenders which have also impacted on Lancashire including arrest of "
     "GMP offenders committing Armed Business Robbery offences on Convenience Stores.", "", ""),
    (3, "Violence Reduction Unit",
     "The Violence Reduction Unit is now established with a team of over 18 part and full time "
     "staff seconded from a range of partners.\n"
     "As well as developing the Problem Profile and a Response Strategy the Unit is developing "
     "six key work streams to work alongside existing service provision, identifying and "
     "sharing good practice and understanding gaps in provision.", "", ""),
    (3, "Knife Crime",
     "As per the National trend, knife crime continues to increase, with {KNIFE_Q1 current} "
     "crimes recorded in Q1 2019/20, compared with {KNIFE_Q1 previous} during the same period "
     "last year \u2013 a {KNIFE_Q1 amount %} {KNIFE_Q1 direction}. This also represents a 15% "
     "increase from Q4 2018/19 but remains slightly below the peak in Q3 last year. Knife "
     "crimes across the county have been steadily increasing in overall number since 2015/16 "
     "but most markedly since early 2018. The reasons for this are likely to be complex and "
     "multiple, but a rise in early 2018 correlates with the rises seen in all recorded crime "
     "post-CDI as referenced extensively throughout this and previous reports.\n"
     "Surge activity is continuing with an increase in stop search recorded as well as a "
     "number of focussed initiatives. Education and prevention work is continuing across the "
     "force footprint.\n"
     "The table below indicates the number of knife crimes per 100k population across our "
     "Most Similar Group (MSG) of forces for comparison, since 2010. Although the numbers of "
     "crimes in Lancashire are third highest, as can be seen from the final column, the "
     "percentage increase for Lancashire is only greater than in one other force "
     "(Nottinghamshire). Linear projections based on historic and Q1 data suggest that "
     "Lancashire's position will remain stable when compared with the MSG, lending support to "
     "the likely influence of nationwide increases in knife crime on local figures.",
     "KnifeCrimeMSG", "Knife crimes per 100k population, Most Similar Group, 2010/11 to 2018/19"),
    (None, "", "", "Knife crime per 100k", ""),
    (None, "",
     "Knife arches and wands have begun to be deployed, as part of our Home Office-funded knife "
     "crime programme. Secure police vans will carry the wands, which are effectively "
     "hand-held metal detectors. An evaluation of our knife crime programme will be led by "
     "academics from the World Health Organisation Collaborating Centre for Violence "
     "Prevention at Liverpool John Moores University. The evaluation will focus on producing "
     "guidelines around the best use of knife arches, wands and bins (currently a gap in the "
     "research literature), as well as assessing the overall effectiveness of these tools and "
     "the impact they have on local communities.", "", ""),
    (3, "Homicide",
     "The number of homicides recorded in Lancashire for 2019 stands at 25, but more than half "
     "have been reported since July, equating to approximately 4 each month in the latter half "
     "of the year. If this rate is maintained until the end of the year, 2019's figures will "
     "represent a 70% increase on the previous calendar year. Last year's projections "
     "estimated that the Force Major Investigation Team would be required to investigate 12-17 "
     "homicides this year.\n"
     "In the North West, these figures place Lancashire second behind Greater Manchester "
     "Police (GMP) but ahead of Merseyside, while in comparison with our Most Similar Group, "
     "Lancashire has only the 5th highest rate of homicide. With the exception of 2003, (a "
     "peak including the Morecambe Bay cockling tragedy), Lancashire data appears fairly "
     "consistent with the National trend.\n"
     "The Force Intelligence Bureau recently completed a review of homicides in an attempt to "
     "identify any patterns and/or reasons behind the increase. No single factor was found to "
     "be consistently driving the increase, but some points of note are highlighted below. "
     "Substance use/dealing, organised crime, the use of weapons and increasing vulnerability "
     "in both perpetrators and victims may all be contributing in combination to the "
     "increases in homicide.\n"
     "- Vulnerability was a factor in terms of mental health and alcohol or drug dependency "
     "among both victims and perpetrators.\n"
     "- The most common offence location was the victims' home address and in only 4 offences "
     "were the victim and perpetrator apparently unknown to each other.\n"
     "Homicides will continue to be closely monitored and further updates will be provided in "
     "future reports. The Constabulary is also conducting extensive analysis of the impact of "
     "increasing demand on investigative resources as part of the business planning cycle.",
     "", ""),
    (2, "Road Safety",
     "The launch of the Lancashire-derived Road Traffic Collisions system continues to be "
     "frustrated by the Department for Transport (DfT) data integrity issues. Version 7.2 of "
     "CRASH (Collision Recording And Sharing) has been further delayed. Updates were expected "
     "in June, then September but are now due to go live on Monday 4th November. Firm "
     "reassurances have been offered by both the DfT and Civica (the third party IT "
     "infrastructure supplier) that the issues identified by Lancashire will be addressed in "
     "this November update. A short period of further testing will be required post-update, "
     "after which Lancashire will become the first county and road safety partnership to "
     "integrate CRASH extracts with legacy data.\n"
     "A year-on-year increase in road deaths was recorded in 2018 and to date we are tracking "
     "at a similar rate in 2019. Whilst no significant patterns or trends have been detected "
     "so far, it remains the priority of the Lancashire Road Safety Partnership (LRSP) and "
     "Constabulary Tac Ops department to fully understand and reduce serious injury and deaths "
     "on Lancashire's roads. There have been no further child fatalities this quarter.\n"
     "On a strategic level, work continues around 'Senior Road Users'. Projections have "
     "highlighted that the likely number of casualties aged 70+ will match those of the 17-24 "
     "year-old cohort by 2026/2027, should trends continue at the rates witnessed since 2000. "
     "Workshops, forums and conferences for senior road users have become a staple of the "
     "LRSP, whilst work with younger road users continues.\n"
     "The Constabulary is supporting an evidence based approach, investigating the impact of "
     "autonomous vehicles on Road Safety Partnerships over the coming two years and will "
     "deliver important learning for future planning to LRSP.", "", ""),
    (2, "Hate Crime",
     "Hate Crime Awareness Week (HCAW) ran between the 12th and 19th of October 2019. Under "
     "the county wide strategic hate crime plan and governance of the Strategic Hate Crime and "
     "Cohesion Group (SHCCG) a number of long term projects were realised. With all 14 local "
     "authorities in Lancashire already signed up to one cohesive plan, over the last 18 "
     "months partnerships have been formed with education and health and it is these areas "
     "that were launched internally and externally in HCAW. This work is based on instilling "
     "an appropriate organisational 'inclusion' and 'culture' in order to promote trust.\n"
     "All colleges and universities across the county came together under a 4 principle "
     "approach to tackle hate crime. The agreed principles are;\n"
     "- To actively promote hate crime awareness\n"
     "- To offer a safe place to report (third party reporting centre/TPRC)\n"
     "- To sign post victims to appropriate services (Lancashire Victim Services)\n"
     "- To promote positive up stander behaviour.\n"
     "In support of this a bespoke education video has been developed alongside the "
     "University of Central Lancashire (UCLAN) and supported by the Commissioner and was shown "
     "to over 15,000 16+ students in Lancashire that week and beyond. Subsequent training of "
     "FE/HE safeguarding teams on TPRC has commenced.\n"
     "The Heartstone project promoting inclusion through reading to 10-13 year olds was "
     "established into 10 schools in Preston (8 feeder primary schools into 2 high schools).\n"
     "This above work ensures that we have a consistent approach to hate crime across primary, "
     "secondary, higher and further education in Lancashire all supported by the Lancashire "
     "Victims Services.\n"
     "Lancashire Health Care Foundation Trust (LCFT) has worked with the SHCCG and "
     "Constabulary for 18 months to develop an inclusive, culture based approach to hate crime "
     "awareness. Their strategy and delivery plan was launched in HCAW, with their training "
     "video funded through the SHCCG and OPCC which has been developed for use by all "
     "Lancashire partners. Their approach will be adopted across all areas of the trust in the "
     "North West and has prompted work with our local health partners and Royal College of "
     "Nursing.", "", ""),
    (1, "Supporting Vulnerable People and Victims", "", "", ""),
    (2, "Domestic abuse",
     "As with other offences, previous increases in recorded Domestic Abuse (DA) are levelling "
     "out. The current period showed a slight {DA direction} of {DA amount %} ({DA change}) for "
     "the 12 months to 30th September vs. an increase of 29% (+4805) to the end of June.",
     "Domestic abuse by month",
     "Domestic abuse crimes / investigations (data source: recorded crime dashboard)"),
    (None, "", "", "DomesticAbuseMonthly",
     "Number of Domestic Abuse crimes/investigations monthly (data source: recorded Crime "
     "dashboard)"),
    (None, "",
     "*\\*Data still subject to moderation \u2013 numbers will likely increase*\n"
     "The ongoing MARAC (Multi-Agency Risk Assessment Conference) review has now progressed "
     "through 'in the work' testing phase, on high risk cases in the Preston area to making "
     "proposals for a locality based, co-located, multi-agency response. This new "
     "evidence-based approach is designed to provide a more timely, responsive and effective "
     "service, whereby a core, multi-agency case coordination team provide an interface "
     "between families experiencing high-risk domestic abuse and a wide range of support "
     "services. The revised model will facilitate real-time, effective assessments of risk "
     "and need and increased efficiency of multi-agency information-sharing. It moves a number "
     "of existing processes and functions upstream and ensures that the family receive the "
     "appropriate support, while on going risk is effectively monitored through interventions "
     "and review. It is considered that the described approach can work effectively in "
     "support of a variety of delivery models across Lancashire and can be flexible to the "
     "needs of each locality, without compromising the core principles upon which it is "
     "designed to operate. The model is compatible with a strength-based model and seeks to "
     "work with families to build resilience and provide a safe family environment. It is "
     "also principally based on a public health approach to violence led by trauma-informed "
     "practice and focused on addressing root causes to enable long-term sustainable change. "
     "The review team are currently engaging with agencies across the partnership to best "
     "understand how the proposed model can be effectively implemented in each locality area, "
     "with a view to moving forward into an implementation phase. This includes a more "
     "detailed understanding of what these changes would mean for agencies and staff, as well "
     "as governance arrangements in each locality.\n"
     "Operation Encompass compliance rates remain at 30% with the Public Protection Unit (PPU) "
     "monitoring activity closely and leading an awareness campaign aimed at continuous "
     "improvement. Key messages have been circulated via the Constabulary Intranet and "
     "Vulnerability Coaches throughout the force. A Question and Answer briefing was shared "
     "with all officers during September, along with a video detailing the process in the "
     "words of four children. HQ PPU is continuing to raise awareness of the need to use "
     "Pronto.\n"
     "DASH (Domestic Abuse, Stalking and Honour-based violence) risk identification, "
     "assessment and management model has been rolled out to all officers' mobile devices.\n"
     "The DASH risk checklist is a research-based tool for multi-agency understanding of risk "
     "in domestic abuse cases.", "", ""),
    (2, "Rape and Sexual Offences",
     "Recorded \u201csexual offences\u201d have followed the same trend as \u201call "
     "crime\u201d. Lancashire's annual increases were 32% at the end of March, 14% at the end "
     "of May and stand at 5% as of the end of July 2019.",
     "SexualOffences", "All sexual Offences (data source: Forcesight v5, <Force Summary>)"),
    (None, "",
     "*\\*Lancashire data taken from the Recorded Crime Dashboard.*\n"
     "When assessed separately, Rape ({RAPE change %}, {RAPE amount}) also shows a pattern of "
     "reducing increase (+18%, 254 to June 2019) and Other Sexual Offences ({OTHER_SEXUAL "
     "change %}, {OTHER_SEXUAL change}) have decreased in volume year-on-year. It is likely "
     "that recent increases were as a result of CDI impact and multiple, historic offences "
     "being recorded. Close monitoring of the figures moving forward and key pieces of work "
     "including the Rape Profile as detailed below, will serve to confirm this in the coming "
     "months.\n"
     "Rape and Serious Sexual Offence (RASSO) audits are continuing monthly and the Public "
     "Protection Unit (PPU) are working closely with both the Crown Prosecution Service (CPS) "
     "and Criminal Justice Services (CJS) to improve outcomes. A rape investigation pack has "
     "been produced and is being disseminated to assist officers from the start to end of an "
     "investigation, based upon current recommendations. Pilot clinics were held at Preston "
     "police station on the 26th June 2019 and the 4th July 2019 with positive engagement and "
     "now CPS are to decide if this can be rolled out further across the force.\n"
     "The Force Intelligence Unit (FIU) have commenced work on a new Rape Profile, which will "
     "investigate the reasons behind the trajectory of Rape offences in the last 3 years and "
     "aims to identify the key factors which influence outcomes at police and court level.\n"
     "This piece of work will be reported on in future scrutiny meetings.", "", ""),
    (2, "Modern Day Slavery and Exploitation",
     "Recorded Modern Day Slavery (MDS) offences remain fairly static at {MDS current} ({MDS "
     "trend} {MDS amount} from {MDS previous}) for the 12 months to September 2019. The "
     "Pan-Lancashire Anti-Slavery Partnership (PLASP) Chair has now been appointed.\n"
     "Human Trafficking and Modern-Day Slavery remain force priorities and multiple live "
     "operations are active across BCUs. Recently, a number of cannabis farms have been "
     "identified, resulting in several individuals being arrested and victims including "
     "children being safeguarded. A labour exploitation case investigated by the Constabulary "
     "and recently brought to trial, resulted in a Trafficking Prevention Order being issued "
     "alongside a custodial.\n"
     "Through the PLASP there have been multiple roadshows, jointly organised with police, "
     "across the county aimed at raising public awareness. The Constabulary and PLASP are "
     "currently working to raising awareness within businesses, providing them with business "
     "packs for auditing and identifying MDS indicators. The Commissioner will be aware that "
     "work is ongoing for a pledge to be included on all purchase order emails from our "
     "current suppliers for companies to voluntarily 'sign up'.\n"
     "The Constabulary is actively investigating multiple live investigations across the "
     "county involving Organised Crime Groups (OCG's) involved in human trafficking. Current "
     "intelligence identifies that sexual exploitation and forced labour remain the 2 highest "
     "reported types of exploitation and currently members of the public are our biggest "
     "source of information. Work is ongoing with our local partners to disrupt OCGs and "
     "individuals involved in exploitation as well as regionally to develop best practice, "
     "i.e. improvement of reception centres. Throughout summer the whole of Immediate Response "
     "(IR) were trained and inputs are now included for new recruits, development courses, "
     "National Crime Recording Standards (NCRS), HYDRA courses (county lines) and the Control "
     "room. For their work the East MDS team have also nominated for a World class Policing "
     "award.", "", ""),
    (2, "Missing From Home (MFH)",
     "Recorded Missing Person Incidents have {MISSING direction}d by {MISSING amount %} "
     "({MISSING previous} to {MISSING current}) in the 12 months to September 2019. This is a "
     "reduced increase when compared with the last report (12%) and is likely to still be as "
     "a result of changes in categorisation. As previously reported, the \u201cAbsent\u201d "
     "category has been removed with the aim of identifying MFH and assessing risk accurately "
     "at an earlier stage. These figures will continue to be monitored over the coming "
     "months.\n"
     "A Missing from Home action plan is underway, with a working group meeting monthly to "
     "review progress against key milestones.\n"
     "Work commissioned via UCLan which identified key characteristics associated with "
     "children who go missing repeatedly, has been published in the journal \u201cPolicing "
     "and Society\u201d. The paper used Lancashire data and identified that less than 5% of "
     "children who go missing account for almost a third of missing reports. Further, those "
     "who go missing most often share key characteristics; being teenagers, in the care "
     "system and dependent users of drugs and/or alcohol. The findings of this research have "
     "implications for how the Constabulary could reduce the volume of MFH incidents, reduce "
     "repeats and manage risk. For example, targeted interventions with the small proportion "
     "who go missing most often, taking a multi-agency approach and incorporating substance "
     "misuse programmes, as well as work with Local Authorities around looked after children "
     "that is being developed in West.\n"
     "The \u201cThink Child\u201d internal campaign won a National award. There is a plan to "
     "roll this out across all partner agencies as it morphs into the \u201cThink "
     "Vulnerability\u201d campaign (presented 7th November at the PLASP Board). This will "
     "ensure a consistent message for all professionals working with children in Lancashire. "
     "Staffs in the Constabulary\u2019s PPU have undertaken a benchmarking exercise to "
     "evidence knowledge of vulnerability and safeguarding among frontline officers. This is "
     "in line with the National Vulnerability Action Plan (NVAP). Lancashire Police cyber "
     "volunteers who delivered internet safety training to thousands of people (including "
     "schools, colleges and community groups) have also been shortlisted for a National "
     "\u201cLord Ferrers\u201d award, (hosted by the Home Office).\n"
     "The second iteration of a power BI dashboard which allows examination of individuals "
     "who repeatedly go missing, as well as repeat victims and perpetrators (who are often "
     "the same group), has been published and is the most used produce across the "
     "Constabulary\u2019s suite of Business Intelligence products.", "", ""),
    (2, "Child Sexual Exploitation",
     "CSE crime figures continue to show a considerable reduction, although to a lesser "
     "degree than at the last report ({CSE change %}; {CSE amount} to September; -32%, 270 to "
     "June 2019). It is difficult to ascertain the reasoning behind this, but it is likely "
     "that there are multiple factors at play, including recording practices, (due to CDI and "
     "the implementation of new IT), the success of multi-agency approaches to tackling CSE "
     "and raising awareness, as well as the changing and increasingly-sophisticated use of "
     "technology by perpetrators of CSE.\n"
     "An ongoing Constabulary review of CSE and Missing from Home cases aims to identify "
     "intrinsic links between the two. To date, the review has already recognised potential "
     "to maximise opportunities to identify common offenders, locations and victims through "
     "improved sharing and recording of intelligence. In excess of 150 crossovers between "
     "existing CSE operations have also been highlighted. This learning will assist the "
     "Constabulary in early identification of CSE and we may, in turn, expect the impact to "
     "be a positive increase in recording.", "", ""),
    (1, "Developing Confident Communities", "", "", ""),
    (2, "Satisfaction",
     "User satisfaction levels remain very similar to the last quarterly report with some "
     "reductions in burglary and hate crime. The Commissioner will recall at the last "
     "Scrutiny a detailed victim satisfaction update was given.\n"
     "- Burglary {SAT_BURGLARY current}\n"
     "- Violent Crime {SAT_VIOLENT current}\n"
     "- Hate Crime {SAT_HATE current}\n"
     "- Antisocial behaviour {SAT_ASB current}\n"
     "- Domestic Abuse {SAT_DA current}", "", ""),
    (2, "Confidence: Crime Survey of England and Wales (CSEW)",
     "Data for the CSEW runs approximately three months behind: to June confidence stands at "
     "{CSEW current}, down 1% from the last meeting and {CSEW amount} in comparison to the "
     "same period last year. Nationally, over the same period overall confidence decreased by "
     "2%.", "", ""),
    (1, "HMICFRS Inspection and update",
     "Since the last Strategic Scrutiny meeting in August 2019, a Counter Terrorism Inspection "
     "for Lancashire Constabulary took place week commencing 4th November for 3 days "
     "consisting of Interviews and focus groups.\n"
     "The terms of reference were: -\n"
     "- Do forces have the capability and capacity to effectively respond to a terrorist "
     "attack\n"
     "- Is there consistency across different regions and forces within the UK\n"
     "- How well connected is the Police firearms response across the UK\n"
     "HMICFRS will submit a single thematic report to the Home Secretary by 31st March 2020 "
     "with their findings.\n"
     "Through the Constabulary's HMICFRS Board, all Commanders and thematic leads have ensured "
     "that both the Force Management Statement (FMS) priorities and HMICFRS recommendations "
     "are included within their Business planning priorities and submissions. A "
     "representative of the OPCC attends the Board.\n"
     "All Lancashire specific HMICFRS recommendations have been completed and evidenced and "
     "are now awaiting sign off by the respective HMICFRS lead officer.\n"
     "However, we have the following recommendations within the HMICFRS Recommendation "
     "Portal, none of which are specific to Lancashire, however we will still be required to "
     "evidence them and the thematic leads are aware. Further discussion will be held at the "
     "next HMICFRS Governance board on the 11th December 2019.\n"
     "- 3 Shinning a light on betrayal: Abuse or position for sexual purpose\n"
     "- 2 The poor relation: The police and Crown Prosecution Service's response to crimes "
     "against older people\n"
     "- 1 Fraud: Time to choose \u2013 An inspection of the police response to fraud\n"
     "- 3 Increasing everyone's business \u2013 A progress report on the police response to "
     "domestic abuse\n"
     "- 5 Stolen Freedom - the policing response to modern slavery and human trafficking\n"
     "- 1 Living in fear \u2013 the police and CPS response to harassment and stalking\n"
     "It is anticipated that prior to the next Strategic Scrutiny meeting in February 2020 the "
     "Constabulary will be inspected by HMICFRS/HMIP in relation to custody. The previous "
     "custody inspection took place in June 2016 and identified, amongst a number of "
     "recommendations, three particular areas of concern.\n"
     "- The way that force was used in the custody suites.\n"
     "- Respectful treatment, particularly in relation to the use of CCTV.\n"
     "- Accountable practice and poor record keeping.\n"
     "Following the inspection, these areas of concern and all the other recommendations have "
     "been addressed and signed off by the HMICFRS/HMIP lead.", "", ""),
    (1, "Force Management Statement (FMS)",
     "On the 16th of October the Constabulary received direct feedback from the HMICFRS FMS "
     "Inspectors on our 2018/19 submission. The document was described as 'well developed' "
     "and amongst the 'best received' nationally, clearly demonstrating a high level of "
     "understanding and development across Police and Crime Plan priorities, budget "
     "allocation and future planning. Our clear understanding of risk, forecasting, system "
     "thinking approach and significant steps to improving the long term efficiencies "
     "required across portfolios e.g. communications pod working and voice to text analytics "
     "were all praised. Our chapter on Wellbeing was given particular mention, clearly "
     "highlighting our BUZZ staff engagement tool being intrinsically linked to people "
     "benefits, improved moral and service delivery. Acknowledgement was also made of our "
     "ambition to push forward with digital business change programme with clear measures, "
     "benefits and monitoring programme to deliver Constabulary wide benefits.", "", ""),
]

MONTHS = ["April", "May", "Jun", "July", "Aug", "Sept", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
YEARS = ["2010/11", "2011/12", "2012/13", "2013/14", "2014/15", "2015/16", "2016/17",
         "2017/18", "2018/19"]
KNIFE = [
    ("W Yorks", [59, 50, 49, 51, 54, 65, 84, 107, 116]),
    ("Notts", [51, 49, 47, 53, 49, 51, 65, 71, 78]),
    ("Lancashire", [45, 46, 40, 44, 40, 42, 55, 58, 77]),
    ("S Yorks", [37, 37, 35, 40, 40, 44, 63, 72, 74]),
    ("Humberside", [42, 41, 41, 35, 43, 53, 47, 63, 72]),
    ("Northumbria", [28, 26, 22, 25, 30, 37, 37, 56, 65]),
    ("S Wales", [30, 29, 31, 29, 31, 31, 36, 47, 56]),
    ("Kent", [20, 21, 25, 28, 29, 31, 37, 43, 52]),
]
DOMESTIC_ABUSE = [
    ("2017/18", [986, 1096, 1050, 1201, 1127, 1073, 1077, 1124, 1307, 1381, 1449, 1519]),
    ("2018/19", [1604, 1940, 1937, 2203, 2211, 2096, 2115, 1821, 1445, 1331, 1422, 1747]),
    ("2019/20", [1730, 1670, 1717, 1759, 1680, 1176]),
]
SEXUAL_OFFENCES = [
    ("England & Wales", 153946, 160546),
    ("Most Similar Group", 38347, 39167),
    ("North West Region", 22206, 21909),
    ("Lancashire*", 4756, 4983),
]
# The quarter before's figures and the quarterly reductions are not in the workbook's measures;
# the September column quotes the measures, so it always agrees with Appendix A.
OFFENCE_TYPES = [
    ("All Crime", "+17% (+23,362)", "ALL_CRIME", "-14% (-6,032)"),
    ("Violence with Injury", "+6% (+1,151)", "VWI", "-24% (-1,355)"),
    ("Violence w/o Injury", "+34% (+6,249)", "VWOI", "-3% (-210)"),
    ("Burglary Residential", "+4% (+355)", "BURGLARY", "-8% (-169)"),
    ("Public Order Offences", "+60% (+5,340)", "PUBLIC_ORDER", "-34% (-1,536)"),
]


def fill_rows(ws, rows) -> None:
    """Write rows under the header row, keeping the blank workbook's formats."""
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            if value is not None and value != "":
                write_cell(ws, r, c, value)


def fill_settings(ws, values: dict | None = None) -> None:
    """Column B beside each setting label of the blank workbook."""
    values = SETTINGS if values is None else values
    for row in range(2, ws.max_row + 1):
        label = ws.cell(row=row, column=1).value
        if label in values:
            write_cell(ws, row, 2, values[label])


def fill_measures(ws) -> None:
    """One row per measure, each value cell with the number format it is shown in."""
    for r, m in enumerate(MEASURES, start=2):
        (mid, theme, name, previous, current, kind, better, target, note, fmt, periods,
         appendix) = m
        # Every figure of the seed compares a period with the same period a year before.
        values = [mid, theme, name, previous, current, kind, better, target, note,
                  periods[0] if periods else None, periods[1] if periods else None,
                  None if appendix else "no", None, "same period last year"]
        for c, value in enumerate(values, start=1):
            if value is not None and value != "":
                write_cell(ws, r, c, value)
        for c in (4, 5, 8):
            write_cell(ws, r, c).number_format = fmt


def add_table(ws, name: str, top: int, header: list[str], rows: list[list], *,
              first_column: bool = False, formats: dict[int, str] | None = None,
              bold_rows: tuple[int, ...] = ()) -> int:
    """Write an Excel Table at row `top`; return the first free row after a gap."""
    from openpyxl.utils import get_column_letter

    for c, title in enumerate(header, start=1):
        ws.cell(row=top, column=c, value=title)
    for r, values in enumerate(rows, start=top + 1):
        for c, value in enumerate(values, start=1):
            cell = write_cell(ws, r, c, value)
            if formats and c in formats:
                cell.number_format = formats[c]
            # The first column is also bold in its cells, not only by the Table's First Column
            # option, which LibreOffice Calc drops when it saves: the report is the same from
            # an Excel or a Calc save.
            if r - top - 1 in bold_rows or (first_column and c == 1):
                cell.font = Font(bold=True)
    last = get_column_letter(len(header))
    table = Table(displayName=name, ref=f"A{top}:{last}{top + len(rows)}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True,
                                          showFirstColumn=first_column)
    ws.add_table(table)
    return top + len(rows) + 3


def fill_tables(ws) -> None:
    """The seed's tables, each an Excel Table; totals and changes are formulas."""
    share = "=B{r}/(B$4+B$5+B$6)"
    top = add_table(ws, "FrontlineSpend", 1, ["Spending", "Spend 30/9/19 (£m)", "%"], [
        ["Visible", 52.0, share.format(r=2)],
        ["Non Visible", 45.3, share.format(r=3)],
        ["Operational Frontline", "=B2+B3", share.format(r=4)],
        ["Frontline Support", 11.4, share.format(r=5)],
        ["Business Support", 29.6, share.format(r=6)],
        ["Other", 8.9, None],
        ["Total", "=B4+B5+B6+B7", None],
    ], formats={2: "0.0", 3: "0.0%"}, bold_rows=(2, 3, 4, 6))
    offence_rows = [[label, june, f"{{{mid} change %}} ({{{mid} change}})", quarter]
                    for label, june, mid, quarter in OFFENCE_TYPES]
    top = add_table(ws, "OffenceTypes", top, [
        "Offence Type", "Annual Increase to 30th June 2019",
        "Annual Change to 30th September 2019", "Reductions Q2 18-19 vs Q2 19-20"],
        offence_rows, first_column=True)
    knife_rows = []
    for i, (force, values) in enumerate(KNIFE):
        row = top + 1 + i
        knife_rows.append([force, *values, f"=SUM(B{row}:J{row})", f"=(J{row}-B{row})/B{row}"])
    top = add_table(ws, "KnifeCrimeMSG", top, ["Force", *YEARS, "Total", "% Increase"],
                    knife_rows, first_column=True, formats={11: "#,##0", 12: "+0%;-0%;0%"})
    top = add_table(ws, "DomesticAbuseMonthly", top, ["Year", *MONTHS],
                    [[year, *values] for year, values in DOMESTIC_ABUSE], first_column=True,
                    formats={c: "#,##0" for c in range(2, 14)})
    sexual_rows = []
    for i, (area, before, after) in enumerate(SEXUAL_OFFENCES):
        row = top + 1 + i
        sexual_rows.append([area, f"=(D{row}-C{row})/C{row}", before, after])
    add_table(ws, "SexualOffences", top, ["Area", "%", "17 \u2013 Jul 18", "18 \u2013 Jul 19"],
              sexual_rows, formats={2: "0%", 3: "#,##0", 4: "#,##0"})
    for column in "ABCDEFGHIJKLM":
        ws.column_dimensions[column].width = 14
    ws.column_dimensions["A"].width = 24


def fill_narrative(ws) -> None:
    """The narrative rows, text wrapped for reading in Excel."""
    fill_rows(ws, NARRATIVE)
    for row in ws.iter_rows(min_row=2, max_row=len(NARRATIVE) + 1, max_col=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def main(output: Path | None = None) -> None:
    """Write the example workbook."""
    workbook = new_workbook()
    fill_settings(workbook["Settings"])
    fill_narrative(workbook["Narrative"])
    fill_measures(workbook["Measures"])
    fill_rows(workbook["Themes"], THEMES)
    fill_tables(workbook["Tables"])
    fill_rows(workbook["Charts"], CHARTS)
    fill_rows(workbook["Implications"], IMPLICATIONS)
    save(workbook, output or OUTPUT)


def save(workbook, output: Path) -> None:
    """Save a generated workbook, making its folder, and say where."""
    output.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(output)
    print(f"wrote {output}")


if __name__ == "__main__":
    import sys

    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
