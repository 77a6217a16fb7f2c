"""Dutch names of nationalities, as a consultant says and searches them ("Eritrese",
"Syrische"): the adjective of the BRP's nationality table (Tabel 32, RvIG), keyed by the
ISO 3166-1 alpha-3 code the case stores (``domain.countries``).

CLDR (Babel) gives the country names ("Syrië") but no nationality adjectives, so they are
kept here. A code without an entry has no adjective; search then still finds the country
name and the code.
"""

from __future__ import annotations

NATIONALITY_NL: dict[str, str] = {
    "AFG": "Afghaanse", "ALB": "Albanese", "DZA": "Algerijnse", "AND": "Andorrese",
    "AGO": "Angolese", "ATG": "Antiguaanse", "ARG": "Argentijnse", "ARM": "Armeense",
    "AUS": "Australische", "AUT": "Oostenrijkse", "AZE": "Azerbeidzjaanse",
    "BHS": "Bahamaanse", "BHR": "Bahreinse", "BGD": "Bengalese", "BRB": "Barbadaanse",
    "BLR": "Belarussische", "BEL": "Belgische", "BLZ": "Belizaanse", "BEN": "Beninse",
    "BTN": "Bhutaanse", "BOL": "Boliviaanse", "BIH": "Bosnische", "BWA": "Botswaanse",
    "BRA": "Braziliaanse", "BRN": "Bruneise", "BGR": "Bulgaarse", "BFA": "Burkinese",
    "BDI": "Burundese", "KHM": "Cambodjaanse", "CAN": "Canadese",
    "CAF": "Centraal-Afrikaanse", "CHL": "Chileense", "CHN": "Chinese",
    "COL": "Colombiaanse", "COM": "Comorese", "COG": "Congolese", "COD": "Congolese",
    "CRI": "Costa Ricaanse", "CUB": "Cubaanse", "CYP": "Cypriotische", "CZE": "Tsjechische",
    "DNK": "Deense", "DJI": "Djiboutiaanse", "DMA": "Dominicaanse", "DOM": "Dominicaanse",
    "ECU": "Ecuadoraanse", "EGY": "Egyptische", "SLV": "Salvadoraanse",
    "GNQ": "Equatoriaal-Guineese", "ERI": "Eritrese", "EST": "Estse", "SWZ": "Swazische",
    "ETH": "Ethiopische", "FJI": "Fijische", "FIN": "Finse", "FRA": "Franse",
    "GAB": "Gabonese", "GMB": "Gambiaanse", "GEO": "Georgische", "DEU": "Duitse",
    "GHA": "Ghanese", "GRC": "Griekse", "GRD": "Grenadaanse", "GTM": "Guatemalteekse",
    "GIN": "Guineese", "GNB": "Guinee-Bissause", "GUY": "Guyaanse", "HTI": "Haïtiaanse",
    "HND": "Hondurese", "HUN": "Hongaarse", "ISL": "IJslandse", "IND": "Indiase",
    "IDN": "Indonesische", "IRN": "Iraanse", "IRQ": "Iraakse", "IRL": "Ierse",
    "ISR": "Israëlische", "ITA": "Italiaanse", "CIV": "Ivoriaanse", "JAM": "Jamaicaanse",
    "JPN": "Japanse", "JOR": "Jordaanse", "KAZ": "Kazachse", "KEN": "Keniaanse",
    "KIR": "Kiribatische", "PRK": "Noord-Koreaanse", "KOR": "Zuid-Koreaanse",
    "XKX": "Kosovaarse", "KWT": "Koeweitse", "KGZ": "Kirgizische", "LAO": "Laotiaanse",
    "LVA": "Letse", "LBN": "Libanese", "LSO": "Lesothaanse", "LBR": "Liberiaanse",
    "LBY": "Libische", "LIE": "Liechtensteinse", "LTU": "Litouwse", "LUX": "Luxemburgse",
    "MDG": "Malagassische", "MWI": "Malawische", "MYS": "Maleisische",
    "MDV": "Maldivische", "MLI": "Malinese", "MLT": "Maltese", "MHL": "Marshallese",
    "MRT": "Mauritaanse", "MUS": "Mauritiaanse", "MEX": "Mexicaanse",
    "FSM": "Micronesische", "MDA": "Moldavische", "MCO": "Monegaskische",
    "MNG": "Mongolische", "MNE": "Montenegrijnse", "MAR": "Marokkaanse",
    "MOZ": "Mozambikaanse", "MMR": "Myanmarese", "NAM": "Namibische", "NRU": "Nauruaanse",
    "NPL": "Nepalese", "NLD": "Nederlandse", "NZL": "Nieuw-Zeelandse",
    "NIC": "Nicaraguaanse", "NER": "Nigerese", "NGA": "Nigeriaanse",
    "MKD": "Noord-Macedonische", "NOR": "Noorse", "OMN": "Omaanse", "PAK": "Pakistaanse",
    "PLW": "Palause", "PSE": "Palestijnse", "PAN": "Panamese",
    "PNG": "Papoea-Nieuw-Guinese", "PRY": "Paraguayaanse", "PER": "Peruaanse",
    "PHL": "Filipijnse", "POL": "Poolse", "PRT": "Portugese", "QAT": "Qatarese",
    "ROU": "Roemeense", "RUS": "Russische", "RWA": "Rwandese", "WSM": "Samoaanse",
    "SMR": "San Marinese", "STP": "Santomese", "SAU": "Saoedi-Arabische",
    "SEN": "Senegalese", "SRB": "Servische", "SYC": "Seychelse", "SLE": "Sierra Leoonse",
    "SGP": "Singaporese", "SVK": "Slowaakse", "SVN": "Sloveense", "SOM": "Somalische",
    "ZAF": "Zuid-Afrikaanse", "SSD": "Zuid-Soedanese", "ESP": "Spaanse",
    "LKA": "Sri Lankaanse", "SDN": "Soedanese", "SUR": "Surinaamse", "SWE": "Zweedse",
    "CHE": "Zwitserse", "SYR": "Syrische", "TWN": "Taiwanese", "TJK": "Tadzjiekse",
    "TZA": "Tanzaniaanse", "THA": "Thaise", "TLS": "Oost-Timorese", "TGO": "Togolese",
    "TON": "Tongaanse", "TTO": "Trinidadiaanse", "TUN": "Tunesische", "TUR": "Turkse",
    "TKM": "Turkmeense", "TUV": "Tuvaluaanse", "UGA": "Oegandese", "UKR": "Oekraïense",
    "ARE": "Emiraatse", "GBR": "Britse", "USA": "Amerikaanse", "URY": "Uruguayaanse",
    "UZB": "Oezbeekse", "VUT": "Vanuatuaanse", "VAT": "Vaticaanse",
    "VEN": "Venezolaanse", "VNM": "Vietnamese", "YEM": "Jemenitische", "ZMB": "Zambiaanse",
    "ZWE": "Zimbabwaanse", "CPV": "Kaapverdische", "CMR": "Kameroense", "TCD": "Tsjadische",
    "HRV": "Kroatische", "SLB": "Salomonseilandse",
    # ICAO Doc 9303 codes for people without a nationality (domain.countries)
    "XXA": "staatloos", "XXB": "vluchteling", "XXC": "vluchteling", "XXX": "onbekend",
}  # fmt: skip


def nationality_nl(code: str) -> str | None:
    """The Dutch adjective for nationality ``code``: ``"ERI"`` -> ``"Eritrese"``; ``None``
    when the table has none."""
    return NATIONALITY_NL.get(code.strip().upper())
