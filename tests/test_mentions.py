"""Case tables per mention type, on sentences in the styles of other countries and genres.

Each case: a sentence, and the mentions of one type it must yield (text and
normalised value), nothing more. Negatives yield nothing.
"""
from __future__ import annotations

import pytest

from extractors.pipeline import extract


def found(nlp, text: str, kind: str, key: str, doc_date: str | None = None) -> list[tuple[str, object]]:
    result = extract(text, nlp=nlp, doc_date=doc_date)
    return [(m.text, m.attrs.get(key)) for m in result.mentions if m.type == kind]


SUBSTANCES = [
    ("Police in Lagos seized 40 kg of tramadol tablets.", [("tramadol", "tramadol")]),
    ("The NDLEA intercepted codeine syrup and methamphetamine at the airport.", [("codeine syrup", "codeine"), ("methamphetamine", "methamphetamine")]),
    ("Agents found crystal meth and ketamine in the van.", [("crystal meth", "methamphetamine"), ("ketamine", "ketamine")]),
    ("Shabu worth 6.8 billion pesos was seized in Manila.", [("Shabu", "methamphetamine")]),
    ("Yaba tablets flooded the markets of Bangladesh.", [("Yaba", "methamphetamine")]),
    ("Carfentanil and isotonitazene were detected in Estonia.", [("Carfentanil", "carfentanil"), ("isotonitazene", "isotonitazene")]),
    ("Seizures of MDMB-4en-PINACA rose in prisons.", [("MDMB-4en-PINACA", "mdmb-4en-pinaca")]),
    ("The lab produced 3-MMC and alpha-PHP for the European market.", [("3-MMC", "3-mmc"), ("alpha-PHP", "alpha-php")]),
    ("Customs seized 2 tonnes of acetic anhydride bound for Afghanistan.", [("acetic anhydride", "acetic anhydride")]),
    ("Mexican cartels import fentanyl precursors such as 4-AP and NPP.", [("fentanyl", "fentanyl"), ("precursors", "precursor chemicals"), ("4-AP", "4-ap"), ("NPP", "n-phenethyl-4-piperidone")]),
    ("Authorities dismantled a lab using P2P to make methamphetamine.", [("P2P", "p2p"), ("methamphetamine", "methamphetamine")]),
    ("Ephedrine and pseudoephedrine diversion remains a concern.", [("Ephedrine", "ephedrine"), ("pseudoephedrine", "pseudoephedrine")]),
    ("Cannabis resin from Morocco reaches Spain by speedboat.", [("Cannabis resin", "cannabis resin")]),
    ("Farmers in the Rif grow cannabis for hashish production.", [("cannabis", "cannabis"), ("hashish", "cannabis resin")]),
    ("Heroin and opium trafficking along the Balkan route", [("Heroin", "heroin"), ("opium", "opium")]),
    ("Khat imports are banned in the UK.", [("Khat", "khat")]),
    ("Xylazine is increasingly found mixed with fentanyl.", [("Xylazine", "xylazine"), ("fentanyl", "fentanyl")]),
    ("LSD and psilocybin use remains rare.", [("LSD", "lsd"), ("psilocybin", "psilocybin")]),
    ("Users switched to krokodil, a home-made opioid.", [("krokodil", "desomorphine"), ("opioid", None)]),
    ("The market for synthetic cannabinoids and synthetic cathinones grew.", [("synthetic cannabinoids", "synthetic cannabinoids"), ("synthetic cathinones", "synthetic cathinones")]),
    ("New psychoactive substances (NPS) were monitored.", [("New psychoactive substances", "new psychoactive substances"), ("NPS", "new psychoactive substances")]),
    ("Police seized ecstasy pills and cocaine at the festival.", [("ecstasy", "mdma"), ("cocaine", "cocaine")]),
    ("The gang sold crack and heroin in the city.", [("crack", "cocaine"), ("heroin", "heroin")]),
    ("Captagon pills, which contain amphetamine, are produced in Syria.", [("Captagon", "captagon"), ("amphetamine", "amphetamine")]),
    ("GHB and GBL were found at the party.", [("GHB", "ghb"), ("GBL", "gbl")]),
    ("Coca leaf cultivation rose in Bolivia.", [("Coca leaf", "coca")]),
    ("Poppy cultivation shifted to Shan State.", [("Poppy", "opium poppy")]),
    ("Benzodiazepines such as bromazolam are sold online.", [("Benzodiazepines", "benzodiazepines"), ("bromazolam", "bromazolam")]),
]

SUBSTANCE_NEGATIVES = [
    "The drugs were hidden in a shipment of bananas.",
    "Police seized narcotics and cash.",
    "The bridge was closed because of ice on the road.",
    "The speed of the boat was forty knots.",
    "He added salt and pepper to the dish.",
    "Crack teams of investigators worked on the case.",
]


@pytest.mark.parametrize("text, expected", SUBSTANCES)
def test_mentions_substances(nlp, text, expected):
    result = found(nlp, text, "SUBSTANCE", "canonical")
    assert [t for t, _ in result] == [t for t, _ in expected]
    assert [c for (_, c), (_, e) in zip(result, expected) if e is not None] == [e for _, e in expected if e is not None]


@pytest.mark.parametrize("text", SUBSTANCE_NEGATIVES)
def test_mentions_not_substances(nlp, text):
    assert found(nlp, text, "SUBSTANCE", "canonical") == []


LOCATIONS = [
    ("Afghan farmers in Afghanistan planted more. The northeast, which borders Tajikistan, surged; the southwest fell.",
     [("Afghanistan", "AF"), ("northeast", "AF"), ("Tajikistan", "TJ"), ("southwest", "AF")]),
    ("Cocaine was found at the port of Santos and in northern Shan State.", [("Santos", "BR"), ("Shan State", "MM")]),
    ("Pakistan's Anti-Narcotics Force and Russia's Interior Ministry", [("Pakistan", "PK"), ("Russia", "RU")]),
    ("Cocaine left Guayaquil for Rotterdam.", [("Guayaquil", "EC"), ("Rotterdam", "NL")]),
    ("The shipment was seized in Algeciras, Spain.", [("Algeciras", "ES"), ("Spain", "ES")]),
    ("Traffickers use routes through Côte d'Ivoire and Ghana.", [("Côte d'Ivoire", "CI"), ("Ghana", "GH")]),
    ("Heroin from Afghanistan transits Iran and Türkiye.", [("Afghanistan", "AF"), ("Iran", "IR"), ("Türkiye", "TR")]),
    ("Seizures rose in the Democratic Republic of the Congo.", [("Democratic Republic of the Congo", "CD")]),
    ("Methamphetamine from Myanmar reaches Laos and Thailand.", [("Myanmar", "MM"), ("Laos", "LA"), ("Thailand", "TH")]),
    ("Labs were found in Sinaloa and Jalisco.", [("Sinaloa", "MX"), ("Jalisco", "MX")]),
    ("Police in New South Wales and Victoria seized ice.", [("New South Wales", "AU"), ("Victoria", "AU")]),
    ("Opium is grown in Helmand and Kandahar provinces.", [("Helmand", "AF"), ("Kandahar", "AF")]),
    ("Boats cross the Mediterranean from Libya.", [("Mediterranean", None), ("Libya", "LY")]),
    ("The Golden Triangle remains the main source.", [("Golden Triangle", None)]),
    ("Flows through Central Asia to Russia.", [("Central Asia", None), ("Russia", "RU")]),
    ("A container was stopped at the port of Santos, Brazil.", [("Santos", "BR"), ("Brazil", "BR")]),
    ("KYIV, March 3 - Ukrainian police said", [("KYIV", "UA")]),
    ("Cocaine was smuggled via the Caribbean to the United Kingdom.", [("Caribbean", None), ("United Kingdom", "GB")]),
    ("Seizures in Kiev and Odessa doubled.", [("Kiev", "UA"), ("Odessa", "UA")]),
    ("Police in Almaty and Astana arrested dealers.", [("Almaty", "KZ"), ("Astana", "KZ")]),
    ("The boat sailed from Praia, Cabo Verde.", [("Praia", "CV"), ("Cabo Verde", "CV")]),
    ("Smuggled through Durban and Mombasa ports", [("Durban", "ZA"), ("Mombasa", "KE")]),
    ("Precursors enter Mexico through Manzanillo and Lázaro Cárdenas.", [("Mexico", "MX"), ("Manzanillo", "MX"), ("Lázaro Cárdenas", "MX")]),
    ("Heroin reaches the UK via the Netherlands.", [("UK", "GB"), ("Netherlands", "NL")]),
    ("Seizures in Tajikistan and Kyrgyzstan fell.", [("Tajikistan", "TJ"), ("Kyrgyzstan", "KG")]),
    ("Cocaine transits the Sahel and West Africa.", [("Sahel", None), ("West Africa", None)]),
    ("Labs operate in Michoacán, Mexico.", [("Michoacán", "MX"), ("Mexico", "MX")]),
    ("A boat from Esmeraldas, Ecuador was stopped.", [("Esmeraldas", "EC"), ("Ecuador", "EC")]),
    ("In the Balkans, routes shifted to Albania.", [("Balkans", None), ("Albania", "AL")]),
]

LOCATION_NEGATIVES = [
    "Colombian cartels dominate the trade.",
    "Reading the report, analysts disagreed.",
    "The split between factions widened.",
    "Victoria Smith, the spokesperson, declined to comment.",
    "Afghan farmers planted less poppy.",
    "Nigerian police made arrests.",
    "Jordan Peterson gave a talk.",
]


@pytest.mark.parametrize("text, expected", LOCATIONS)
def test_mentions_locations(nlp, text, expected):
    assert found(nlp, text, "LOCATION", "country_code") == expected


@pytest.mark.parametrize("text", ["Afghan farmers in Afghanistan: the North Sea, the north of Italy, the east and west"])
def test_mentions_compass_areas_need_a_plain_direction(nlp, text):
    assert [t for t, _ in found(nlp, text, "LOCATION", "country_code")] == ["Afghanistan", "North Sea", "Italy"]


@pytest.mark.parametrize("text", LOCATION_NEGATIVES)
def test_mentions_not_locations(nlp, text):
    assert found(nlp, text, "LOCATION", "country_code") == []


ORGANISATIONS = [
    ("the Andean Drug Markets Observatory (ADMO) said. ADMO added", ["Andean Drug Markets Observatory", "ADMO", "ADMO"]),
    ("WEST AFRICA DRUG POLICY NETWORK\n\nBrief", ["WEST AFRICA DRUG POLICY NETWORK"]),
    ("Pakistan's Anti-Narcotics Force (ANF) seized opium.", ["Anti-Narcotics Force", "ANF"]),
    ("Russia's Interior Ministry said the shop closed.", ["Interior Ministry"]),
    ("Bulgarian customs found heroin.", ["Bulgarian customs"]),
    ("according to the National Drug Law Enforcement Agency (NDLEA).", ["National Drug Law Enforcement Agency", "NDLEA"]),
    ("The Philippine Drug Enforcement Agency said on Monday", ["Philippine Drug Enforcement Agency"]),
    ("officers of the Guardia Civil and the Policía Nacional", ["Guardia Civil", "Policía Nacional"]),
    ("The Royal Canadian Mounted Police arrested two men.", ["Royal Canadian Mounted Police"]),
    ("The NCA and Border Force seized cocaine.", ["NCA", "Border Force"]),
    ("Europol and Eurojust coordinated the operation.", ["Europol", "Eurojust"]),
    ("according to the UNODC World Drug Report", ["UNODC"]),
    ("The Jalisco New Generation Cartel (CJNG) expanded.", ["Jalisco New Generation Cartel", "CJNG"]),
    ("The 'Ndrangheta controls the port of Gioia Tauro.", ["'Ndrangheta"]),
    ("InSight Crime reported that the Clan del Golfo", ["InSight Crime", "Clan del Golfo"]),
    ("The Federal Security Service (FSB) detained a courier.", ["Federal Security Service", "FSB"]),
    ("the State Border Guard Service of Ukraine said", ["State Border Guard Service of Ukraine"]),
    ("said the Ministry of Interior of Kyrgyzstan", ["Ministry of Interior of Kyrgyzstan"]),
    ("The Narcotics Control Bureau raided a warehouse in Mumbai.", ["Narcotics Control Bureau"]),
    ("Reuters reported, citing the DEA.", ["Reuters", "DEA"]),
    ("The Financial Action Task Force (FATF) warned", ["Financial Action Task Force", "FATF"]),
    ("The International Narcotics Control Board noted", ["International Narcotics Control Board"]),
    ("Dutch customs at the port said", ["Dutch customs"]),
    ("The Sinaloa Cartel and the CJNG fight over Tijuana.", ["Sinaloa Cartel", "CJNG"]),
    ("The Australian Federal Police and the Australian Border Force said", ["Australian Federal Police", "Australian Border Force"]),
    ("The Gulf Cartel lost ground to Los Zetas.", ["Gulf Cartel", "Los Zetas"]),
    ("The Primeiro Comando da Capital (PCC) ships cocaine from Santos.", ["Primeiro Comando da Capital", "PCC"]),
    ("Officials of the Ministry of Internal Affairs of Kazakhstan said", ["Ministry of Internal Affairs of Kazakhstan"]),
    ("The Prosecutor General’s Office of Belarus reported", ["Prosecutor General’s Office of Belarus"]),
    ("The Shanghai Cooperation Organisation met in Astana.", ["Shanghai Cooperation Organisation"]),
    ("Interpol and the World Customs Organization ran the operation.", ["Interpol", "World Customs Organization"]),
    ("the Financial Intelligence Unit of Ghana reported", ["Financial Intelligence Unit of Ghana"]),
    ("The Hells Angels and the Comancheros clashed.", ["Hells Angels", "Comancheros"]),
    ("InSight Crime and Crisis Group published reports.", ["InSight Crime", "Crisis Group"]),
    ("The Moldovan Border Police seized heroin.", ["Moldovan Border Police"]),
]

ORG_NEGATIVES = [
    "The police said the men were arrested.",
    "Customs officers found the drugs.",
    "The Office was closed on Sunday.",
]


@pytest.mark.parametrize("text, expected", ORGANISATIONS)
def test_mentions_organisations(nlp, text, expected):
    assert [t for t, _ in found(nlp, text, "ORG", "canonical")] == expected


@pytest.mark.parametrize("text", ORG_NEGATIVES)
def test_mentions_not_organisations(nlp, text):
    assert found(nlp, text, "ORG", "canonical") == []


def test_mentions_ministry_takes_country_from_context(nlp):
    text = "Kazakhstan's drug seizures rose. The interior ministry said 3 tonnes were seized in Kazakhstan."
    assert found(nlp, text, "ORG", "canonical") == [("interior ministry", "Ministry of Internal Affairs (Kazakhstan)")]


QUANTITIES_IN_CONTEXT = [
    ("The NDLEA seized 1,300 kg of cannabis in Kano state.", [("1,300 kg", 1300.0)]),
    ("PDEA operatives seized shabu worth P6.8 billion.", [("P6.8 billion", 6.8e9)]),  # "P" is pesos before a scale
    ("Phase P3 trials of the P2P route began.", []),
    ("Officers found 50 kilos of cocaine in 2 suitcases.", [("50 kilos", 50.0), ("2", 2.0)]),
    ("Seizures fell 12 per cent year on year to 3.4 tonnes.", [("12 per cent", 12.0), ("3.4 tonnes", 3400.0)]),
    ("The gang laundered around €40m.", [("around €40m", 4e7)]),
    ("He was sentenced to 15 years in prison on 4 March 2024.", [("15 years", 15.0)]),
    ("Page 4 of 12", []),
    ("See Table 3 and Figure 12 for details.", []),
    ("Law No. 1008 of 1988 regulates coca.", []),
    ("Police seized $2.5bn worth of cocaine and 2,500kg of cannabis.", [("$2.5bn", 2.5e9), ("2,500kg", 2500.0)]),
    ("The NCB seized heroin worth Rs 50 crore.", [("Rs 50 crore", 5e8)]),
    ("In Kenya, KSh 2 million and 1.2m pills were seized.", [("KSh 2 million", 2e6), ("1.2m", 1.2e6)]),
    ("Hundreds of people were arrested.", [("Hundreds", 100.0)]),
    ("Eleven people, including four foreigners, were detained.", [("Eleven", 11.0), ("four", 4.0)]),
    ("Prices rose 10-15% in 2023.", [("10-15%", 10.0)]),
]


@pytest.mark.parametrize("text, expected", QUANTITIES_IN_CONTEXT)
def test_mentions_quantities_in_context(nlp, text, expected):
    assert found(nlp, text, "QUANTITY", "value") == expected


DATES_IN_CONTEXT = [
    ("LAGOS, March 4 (Reuters) - Police said on Monday", "2024-03-04", [("March 4", "2024-03-04"), ("Monday", "2024-03-04")]),
    ("Figures for the year to June 2023 show", None, [("the year to June 2023", "2022-07-01")]),
    ("In the 12 months to March, seizures fell.", "2024-05-10", [("the 12 months to March", "2023-04-01")]),
    ("In the three months to June, 300 kg were seized.", "2024-11-06", [("the three months to June", "2024-04-01")]),
    ("Mid-2024 data show a rise.", None, [("Mid-2024", "2024-04-01")]),
    ("Prices fell late last year.", "2024-11-06", [("late last year", "2023-10-01")]),
    ("In the first quarter of this year, seizures doubled.", "2024-11-06", [("the first quarter of this year", "2024-01-01")]),
    ("During the past decade seizures tripled.", "2024-11-06", [("During the past decade", "2014-01-01")]),
    ("The 2022/23 season saw 1,234 arrests.", None, [("2022/23", "2022-01-01")]),
    ("Between January and June 2024, 300 people were arrested.", None, [("January and June 2024", "2024-01-01")]),
]


@pytest.mark.parametrize("text, doc_date, expected", DATES_IN_CONTEXT)
def test_mentions_dates_in_context(nlp, text, doc_date, expected):
    assert found(nlp, text, "DATE", "start_date", doc_date=doc_date) == expected
