"""What an error says to the user: one catalogue of problem codes, looked up at the edge.

Every layer below the windows and the ``inburg`` command raises a
:class:`~inburg_desktop.domain.problem.Problem` (a code with parameters); this module is
the one place that turns a code into a sentence, through ``_()`` so the English UI reads
English and the Dutch UI (and the CLI) Dutch. :func:`error_text` never shows an exception
class name or an exception's own text: what it does not know it calls unexpected and
points to the log.

``MESSAGES`` maps each code to its Dutch msgid (marked with ``N_`` so the UI catalogue
extracts it); ``tests/test_messages.py`` checks that every code raised in ``src/`` is here
and has an English translation.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Mapping

from inburg_desktop.domain.deadlines import NAZORG_MONTHS, ONTZORGEN_MONTHS
from inburg_desktop.domain.handhaving import INTAKE_NEW_TERM_MONTHS
from inburg_desktop.domain.pip import A2_MIN_COURSE_HOURS
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.text import N_, Reason
from inburg_desktop.formatting import format_number, reason_text
from inburg_desktop.i18n import _

log = logging.getLogger(__name__)

UNEXPECTED = N_("Er ging iets onverwachts mis; details staan in het logbestand.")

MESSAGES: Mapping[str, str] = {
    "unexpected": UNEXPECTED,
    "input_refused": N_("Deze waarde past niet in dit veld."),
    "dossier_afgesloten": N_("Wijzigen kan niet meer; er is niets vastgelegd."),
    # --- a value checked by its field's kind (services.field_values) ---------------------
    "value_empty": N_("Dit veld mag niet leeg zijn."),
    "value_not_an_option": N_("Kies een van de mogelijke antwoorden."),
    "value_not_options": N_("Kies alleen uit de mogelijke antwoorden."),
    "value_not_a_number": N_("Vul een heel getal in."),
    "value_out_of_range": N_("Vul een getal van {low} tot en met {high} in."),
    "value_not_a_date": N_("Vul een datum in (dd-mm-jjjj)."),
    "value_no_such_date": N_("Vul een bestaande datum in (dd-mm-jjjj)."),
    "value_not_text": N_("Dit veld bevat tekst."),
    "case_v_nummer_taken": N_("Er is al een dossier met dit V-nummer: {name}."),
    # --- a case's gemeente (services/gemeenten.py, issue 16 item 5) -----------------------
    "gemeente_niet_van_consulent": N_(
        "U werkt niet voor gemeente '{value}'. Kies een van uw gemeenten: {keuze}."
    ),
    "gemeente_kiezen": N_("Kies de gemeente van het dossier: {keuze}."),
    "gemeente_geen_lijst": N_(
        "Het kantoor heeft (nog) geen gemeenten doorgegeven, dus '{value}' kan niet worden "
        "vastgelegd. Synchroniseer met kantoor of laat de gemeente weg."
    ),
    # --- a typed date (domain.typed_date) -------------------------------------------------
    "date_typed_incomplete": N_(
        "Geen volledige datum: typ dag, maand en jaar, bijvoorbeeld 15-06-2021 of 15062021."
    ),
    "date_typed_two_digit_year": N_(
        "Typ het jaar met vier cijfers (bijvoorbeeld 1990, niet 90): anders is niet zeker "
        "welke eeuw bedoeld is."
    ),
    "date_typed_ambiguous": N_(
        "Deze cijfers kunnen {first} of {second} zijn; typ de datum met streepjes, "
        "bijvoorbeeld {first}."
    ),
    "date_typed_six_digits": N_(
        "Zes cijfers zijn niet eenduidig (bedoeld als {first}?): typ de datum met streepjes, "
        "bijvoorbeeld {first}, of met acht cijfers, bijvoorbeeld {eight}."
    ),
    "date_typed_foreign_digits": N_(
        "Typ de datum met de cijfers 0 tot en met 9; {char} is een cijfer uit een ander schrift."
    ),
    "date_typed_no_such_date": N_("Deze datum bestaat niet: {day}-{month}-{year}."),
    "date_typed_out_of_range": N_("Het jaar {year} valt buiten {first}–{last}."),
    "handhaving_no_obligation": N_(
        "Kies welke verplichting niet is nagekomen; er is nog niets vastgelegd."
    ),
    "time_typed_unreadable": N_(
        "Geen tijd: typ uren en minuten, bijvoorbeeld 14:30, 14.30 of 1430."
    ),
    "time_typed_foreign_digits": N_(
        "Typ de tijd met de cijfers 0 tot en met 9; {char} is een cijfer uit een ander schrift."
    ),
    "time_typed_no_such_time": N_(
        "Deze tijd bestaat niet: {hour}:{minute}. Een tijd ligt tussen 00:00 en 23:59."
    ),
    "value_merge_markers": N_(
        "Er staan nog markeringen in de tekst (<<<<<<<, =======, >>>>>>>). Kies per "
        "gemarkeerde plaats wat klopt en haal de markeringen weg."
    ),
    "value_office_refuses": N_(
        "Deze waarde neemt het kantoor niet aan (te lang, geen geldige datum of met tekens "
        "die niet zichtbaar zijn of de schrijfrichting omdraaien); er is niets opgeslagen."
    ),
    "set_aside_not_enrolled": N_(
        "Deze laptop is nog niet aangemeld bij een kantoor; er is niets verstuurd. Meld de "
        "laptop aan (Synchroniseren) of exporteer de lijst."
    ),
    "pip_gesprek_not_numbers": N_(
        "Voortgangsgesprekken: alleen maandnummers, gescheiden door komma's"
    ),
    "wait_reason_missing": N_("Geef de reden van het wachten: welke informatie, van wie."),
    "wait_received_before_asked": N_("De informatie kan niet ontvangen zijn vóór de vraag erom."),
    "handover_field": N_("Het veld {key} van het overdrachtsbestand klopt niet:"),
    # --- household members (services.household) ------------------------------------------
    "household_too_many": N_("Hoogstens {most} gezinsleden; er is niets opgeslagen."),
    "household_relation": N_("Gezinslid {number}: kies de relatie."),
    "household_two_referents": N_(
        "Gezinslid {number}: er is al een referent (gezinslid {other}); een gezinsmigrant "
        "heeft één referent."
    ),
    "household_name_too_long": N_("Gezinslid {number}: de naam is langer dan {most} tekens."),
    "household_name_hidden": N_(
        "Gezinslid {number}: de naam bevat tekens die niet zichtbaar zijn of de "
        "schrijfrichting omdraaien, of niets zichtbaars."
    ),
    "household_born_range": N_("Gezinslid {number}: de geboortedatum valt buiten {first}–{last}."),
    "household_born_future": N_("Gezinslid {number}: de geboortedatum ligt in de toekomst."),
    "household_v_nummer": N_(
        "Gezinslid {number}: een V-nummer bestaat uit tien cijfers (een V ervoor mag)."
    ),
    "household_v_nummer_own": N_(
        "Gezinslid {number}: dit is het V-nummer van de inburgeraar zelf."
    ),
    "household_v_nummer_twice": N_(
        "Gezinslid {number} heeft hetzelfde V-nummer als gezinslid {other}."
    ),
    "household_note_too_long": N_("Gezinslid {number}: de notitie is langer dan {most} tekens."),
    "household_note_hidden": N_(
        "Gezinslid {number}: de notitie bevat stuurtekens of tekens die de schrijfrichting "
        "omdraaien."
    ),
    "household_not_a_list": N_("Dit is geen lijst van gezinsleden."),
    # --- the vault (storage) -------------------------------------------------------------
    "vault_error": N_("De kluis kon niet worden gebruikt; details staan in het logbestand."),
    "vault_exists": N_("Er staat al een kluis op {path}; er is niets overschreven."),
    "vault_missing": N_("Er is geen kluis op {path}."),
    "wrong_passphrase": N_("Het wachtwoord is onjuist."),
    "vault_damaged": N_(
        "De kluis is beschadigd of is geen kluis van inburg-desktop. Er is niets gewijzigd; "
        "neem contact op met de functioneel beheerder voor herstel uit een reservekopie."
    ),
    "vault_not_checked": N_(
        "De kluis is niet opnieuw versleuteld: de controle vooraf vond problemen ({count}). "
        "Er is niets gewijzigd; voer 'inburg vault check' uit en neem contact op met de "
        "functioneel beheerder."
    ),
    "key_file_damaged": N_(
        "Het sleutelbestand van de kluis ({name}) is beschadigd of onleesbaar. De kluis zelf "
        "is niet gewijzigd; zet een reservekopie van {name} terug of neem contact op met de "
        "functioneel beheerder."
    ),
    "key_file_missing": N_(
        "Het sleutelbestand naast de kluis ({name}) ontbreekt; zonder dat bestand kan de "
        "kluis niet worden geopend. Zet een reservekopie ervan terug."
    ),
    "no_such_case": N_("Dossier {case_id} bestaat niet."),
    # --- recovery through the office (protocol.recovery, docs/recovery.md) ---------------
    "recovery_document_damaged": N_(
        "Dit is geen leesbaar herstelbestand van inburg-desktop (beschadigd of een ander "
        "bestand). De kluis is niet gewijzigd."
    ),
    "recovery_other_vault": N_(
        "Dit herstelantwoord hoort bij een andere kluis. De kluis is niet gewijzigd."
    ),
    "recovery_wrong_temporary_passphrase": N_(
        "Het eenmalige wachtwoord past niet bij dit herstelantwoord. De kluis is niet gewijzigd."
    ),
    "recovery_not_enrolled": N_(
        "Deze kluis kan niet via het kantoor worden hersteld: hij is nooit aangemeld bij een "
        "kantoor met een herstelsleutel."
    ),
    "recovery_not_added": N_(
        "Het herstel via het kantoor kon nog niet worden ingesteld; open de kluis opnieuw en "
        "meld hem dan opnieuw aan."
    ),
    "recovery_other_key": N_(
        "Het herstelverzoek is versleuteld voor een andere herstelsleutel ({key_id})."
    ),
    "recovery_wrong_key": N_("Het herstelverzoek gaat niet open met deze herstelsleutel."),
    "recovery_private_key_refused": N_(
        "Het bestand met de herstelsleutel gaat niet open: verkeerd wachtwoord of geen "
        "herstelsleutel."
    ),
    "vault_unavailable": N_(
        "De kluis kan nu niet worden gebruikt. Er is niets gewijzigd; probeer het opnieuw."
    ),
    "disk_full": N_(
        "De schijf is vol. Er is niets verloren gegaan en niets gewijzigd; maak ruimte vrij "
        "op die schijf en probeer het opnieuw."
    ),
    "disk_full_at": N_(
        "De schijf met {folder} is vol. Er is niets verloren gegaan en niets gewijzigd; maak "
        "ruimte vrij op die schijf en probeer het opnieuw."
    ),
    "read_only": N_(
        "De kluis staat op een schijf die alleen gelezen kan worden, bijvoorbeeld een "
        "vergrendelde USB-stick of een map zonder schrijfrechten op het netwerk. Er is niets "
        "gewijzigd; zet de kluis op een schrijfbare schijf of maak de schijf weer schrijfbaar "
        "en probeer het opnieuw."
    ),
    "read_only_at": N_(
        "De kluis in de map {folder} staat op een schijf die alleen gelezen kan worden, "
        "bijvoorbeeld een vergrendelde USB-stick of een map zonder schrijfrechten op het "
        "netwerk. Er is niets gewijzigd; zet de kluis op een schrijfbare schijf of maak de "
        "schijf weer schrijfbaar en probeer het opnieuw."
    ),
    "no_permission": N_(
        "Geen toestemming om de kluis te lezen of te schrijven. Er is niets gewijzigd; "
        "controleer of u als de juiste gebruiker bent aangemeld en of het bestand en de map "
        "van u zijn, of vraag de beheerder de rechten te herstellen."
    ),
    "no_permission_at": N_(
        "Geen toestemming om {path} te lezen of te schrijven. Er is niets gewijzigd; "
        "controleer of u als de juiste gebruiker bent aangemeld en of het bestand en de map "
        "van u zijn, of vraag de beheerder de rechten te herstellen."
    ),
    "vault_in_use": N_(
        "De kluis is in gebruik door een ander programma (bijvoorbeeld een tweede venster "
        "van inburg-desktop, een inburg-opdracht of een back-upprogramma). Er is niets "
        "gewijzigd; sluit dat programma en probeer het opnieuw."
    ),
    "vault_in_use_at": N_(
        "De kluis {name} is in gebruik door een ander programma (bijvoorbeeld een tweede "
        "venster van inburg-desktop, een inburg-opdracht of een back-upprogramma). Er is "
        "niets gewijzigd; sluit dat programma en probeer het opnieuw."
    ),
    "vault_moved": N_(
        "De kluis {name} is tijdens het werken vervangen of verplaatst door een ander "
        "programma. Er is niets gewijzigd; sluit inburg-desktop en open de kluis opnieuw."
    ),
    "storage_fault": N_(
        "De schijf gaf een lees- of schrijffout. Er is niets gewijzigd; controleer of de "
        "schijf of USB-stick goed is aangesloten en probeer het opnieuw. Komt de fout terug, "
        "voer dan 'inburg vault check' uit."
    ),
    "storage_fault_at": N_(
        "De schijf met {folder} gaf een lees- of schrijffout. Er is niets gewijzigd; "
        "controleer of de schijf of USB-stick goed is aangesloten en probeer het opnieuw. "
        "Komt de fout terug, voer dan 'inburg vault check' uit."
    ),
    # --- a file the user named (an export, --out): services.files.export_file --------
    "output_disk_full": N_(
        "{path} is niet geschreven: de schijf is vol. Maak ruimte vrij op die schijf of "
        "kies een andere plaats en probeer het opnieuw."
    ),
    "output_read_only": N_(
        "{path} is niet geschreven: die schijf kan alleen gelezen worden (bijvoorbeeld een "
        "vergrendelde USB-stick). Kies een andere plaats of maak de schijf schrijfbaar."
    ),
    "output_no_permission": N_(
        "{path} is niet geschreven: geen toestemming om daar te schrijven. Kies een map "
        "van uzelf, bijvoorbeeld Documenten."
    ),
    "output_storage_fault": N_(
        "{path} is niet geschreven: de schijf gaf een schrijffout. Controleer of de schijf "
        "of USB-stick goed is aangesloten en probeer het opnieuw."
    ),
    "output_no_folder": N_(
        "De map {folder} bestaat niet; er is niets geschreven. Controleer de naam of maak "
        "de map eerst aan."
    ),
    "not_a_regular_file": N_(
        "{path} is geen gewoon bestand maar een map, apparaat of ander speciaal bestand; "
        "er is niets geschreven en het is niet vervangen. Kies een andere bestandsnaam."
    ),
    "output_name_too_long": N_(
        "{path} is niet geschreven: de naam is te lang voor die schijf. Kies een kortere naam."
    ),
    "output_failed": N_(
        "{path} kon niet worden geschreven; er is niets geschreven. Kies een andere plaats "
        "en probeer het opnieuw."
    ),
    "rotation_not_verified": N_(
        "De nieuw versleutelde kopie van de kluis kwam bij de controle niet overeen met het "
        "origineel. Er is niets gewijzigd: de kluis en het wachtwoord zijn zoals ze waren. "
        "Probeer het opnieuw; gebeurt dit weer, neem contact op met de functioneel beheerder."
    ),
    # --- the office server's address (domain.server_url) ---------------------------------
    "server_url_empty": N_(
        "Vul het adres van de kantoorserver in, bijvoorbeeld https://inburgering.gemeente.nl:8443."
    ),
    "server_url_no_scheme": N_(
        "Het adres van de kantoorserver begint niet met https://. Bedoelt u {suggestion}?"
    ),
    "server_url_scheme": N_(
        "Een adres van de kantoorserver begint met https://, niet met {scheme}://."
    ),
    "server_url_no_host": N_(
        "In het adres staat geen naam van de server, zoals in https://inburgering.gemeente.nl:8443."
    ),
    "server_url_port": N_(
        "De poort in het adres ({port}) bestaat niet: een poort is een getal van 1 tot en "
        "met 65535."
    ),
    "server_url_extra": N_(
        "Een adres van de kantoorserver bevat geen gebruikersnaam, wachtwoord, ? of #; "
        "vraag het juiste adres aan de applicatiebeheerder."
    ),
    "server_url_spaces": N_("Het adres van de kantoorserver bevat geen spaties."),
    "server_url_too_long": N_("Dit adres is te lang voor een adres van de kantoorserver."),
    "server_url_invalid": N_(
        "Het adres van de kantoorserver is ongeldig; controleer het of vraag het aan de "
        "applicatiebeheerder."
    ),
    "server_url_unencrypted": N_(
        "De verbinding met {host} is niet versleuteld (http://, niet https://): wie op het "
        "netwerk meekijkt, kan de dossiers lezen en veranderen. Gebruik https://, tenzij de "
        "applicatiebeheerder zegt dat het zo moet."
    ),
    "server_url_host_char": N_(
        "De naam van de server in het adres bevat {char}. Een servernaam bestaat alleen uit "
        "letters, cijfers, - en .; controleer het adres of vraag het aan de "
        "applicatiebeheerder."
    ),
    "server_url_host": N_(
        "{host} is geen geldige naam van een server; controleer het adres of vraag het aan "
        "de applicatiebeheerder."
    ),
    "server_url_mixed_script": N_(
        "In de servernaam staan in '{label}' letters van verschillende schriften door "
        "elkaar (bijvoorbeeld een Cyrillische а tussen Latijnse letters): zo'n naam lijkt op "
        "een andere server. Typ het adres over zoals de applicatiebeheerder het gaf."
    ),
    "server_url_not_enrolled": N_(
        "Deze laptop is ingeschreven bij de kantoorserver {enrolled}, niet bij {typed}. Er "
        "is niets verstuurd: dossiers gaan alleen naar het adres waarmee de laptop is "
        "ingeschreven. Synchroniseer zonder --server, of schrijf de laptop bewust opnieuw "
        "in bij het andere adres met een nieuwe code van de applicatiebeheerder "
        "(inburg device enroll --server ADRES --code CODE)."
    ),
    # --- the sync transport --------------------------------------------------------------
    "sync_failed": N_("Synchroniseren is mislukt; uw werk staat veilig op deze laptop."),
    "sync_unreachable": N_(
        "De kantoorserver is niet bereikbaar; uw werk staat veilig op deze laptop."
    ),
    "sync_timeout": N_(
        "De kantoorserver antwoordde niet op tijd; uw werk staat veilig op deze laptop. "
        "Probeer het later opnieuw."
    ),
    "sync_connection_lost": N_(
        "De verbinding met de kantoorserver viel weg; uw werk staat veilig op deze laptop. "
        "Probeer het opnieuw."
    ),
    "sync_tls": N_(
        "De kantoorserver kon niet worden gecontroleerd (het certificaat van de beveiligde "
        "verbinding klopt niet); er is niets verstuurd. Neem contact op met de "
        "applicatiebeheerder."
    ),
    "sync_proxy": N_(
        "Een proxyserver op het netwerk liet de verbinding met de kantoorserver niet door; "
        "uw werk staat veilig op deze laptop. Neem contact op met de applicatiebeheerder."
    ),
    "sync_bad_address": N_(
        "Het adres van de kantoorserver is ongeldig; controleer het of vraag het aan de "
        "applicatiebeheerder."
    ),
    "sync_revoked": N_(
        "Deze laptop is door het kantoor ingetrokken en mag niet meer synchroniseren. "
        "Neem contact op met de applicatiebeheerder."
    ),
    "sync_device_unknown": N_(
        "Deze laptop is niet bekend bij de kantoorserver; laat hem opnieuw inschrijven."
    ),
    "sync_not_enrolled": N_(
        "Deze laptop is nog niet ingeschreven bij de kantoorserver; schrijf hem eerst in."
    ),
    "sync_code_refused": N_(
        "De inschrijfcode is onbekend, al gebruikt of verlopen. Vraag het kantoor om een "
        "nieuwe code."
    ),
    "sync_enroll_answer_refused": N_(
        "Het antwoord van de kantoorserver op de inschrijving klopt niet (een apparaatnummer "
        "of naam met ongeldige tekens of te lang); er is niets opgeslagen en deze laptop is "
        "niet ingeschreven. Vraag de applicatiebeheerder om het na te kijken en om een "
        "nieuwe code."
    ),
    "sync_server_error": N_(
        "De kantoorserver gaf een onverwachte fout; uw werk staat veilig op deze laptop."
    ),
    "sync_replayed": N_(
        "De kantoorserver kreeg een verzoek van deze laptop dubbel binnen (een "
        "tussenliggende server herhaalde het); uw werk staat veilig op deze laptop. Probeer "
        "het zo opnieuw."
    ),
    "sync_out_of_step": N_(
        "Deze laptop en de kantoorserver zijn niet meer in de pas (bijvoorbeeld na het "
        "terugzetten van een back-up); uw werk staat veilig op deze laptop. Laat de laptop "
        "opnieuw inschrijven bij het kantoor."
    ),
    "sync_clock": N_(
        "De klok van deze laptop wijkt te veel af van die van het kantoor; zet de tijd goed."
    ),
    "sync_refused": N_("De kantoorserver weigerde het verzoek ({reason})."),
    "sync_invalid_op": N_("Een wijziging voldoet niet aan het protocol en is niet verstuurd."),
    "sync_attachment_damaged": N_("Een bijlage kwam beschadigd binnen; probeer het opnieuw."),
    "ca_not_file": N_(
        "Het CA-certificaat {file} is geen gewoon bestand (maar een map, apparaat, pipe of socket)."
    ),
    "ca_missing": N_("Het CA-certificaat {file} bestaat niet."),
    "ca_no_access": N_(
        "Er is geen toegang tot het CA-certificaat {file} (controleer de rechten van het bestand)."
    ),
    "ca_unreadable": N_("Het CA-certificaat {file} kan niet worden gelezen."),
    "ca_no_certificate": N_(
        "Het CA-certificaat {file} bevat geen leesbaar certificaat (PEM of DER)."
    ),
    "sync_set_aside_full": N_(
        "Het kantoor neemt geen apart gezette gegevens van deze laptop meer aan: het heeft "
        "er al zoveel. Vraag het kantoor ze te bekijken; op deze laptop blijft alles bewaard."
    ),
    "sync_set_aside_too_large": N_(
        "Het kantoor nam de apart gezette gegevens niet aan: een melding is groter dan het "
        "kantoor bewaart. Er is niets verstuurd; exporteer de lijst en geef die aan het "
        "kantoor. Op deze laptop blijft alles bewaard."
    ),
    "sync_cancelled": N_("Synchronisatie afgebroken; wat al verstuurd is, blijft staan."),
    # --- the PIP (domain/pip.py) ---------------------------------------------------------
    "pip_at_least_one": N_("{field} moet minstens 1 zijn."),
    "pip_not_negative": N_("{field} kan niet negatief zijn."),
    "pip_no_gesprek": N_("Plan minstens één voortgangsgesprek."),
    "pip_gesprek_month": N_(
        "Elke maand van een voortgangsgesprek ligt tussen 1 en {max} (de "
        "inburgeringstermijn, Wet art. 11)."
    ),
    "pip_gesprek_order": N_("De maanden van de voortgangsgesprekken moeten oplopen."),
    "pip_inconsistent": N_(
        "De versies van het PIP passen niet bij elkaar ({field}); er is niets gewijzigd."
    ),
    "pip_stored_invalid": N_(
        "Het opgeslagen PIP klopt niet ({field}); er is niets gewijzigd. Neem contact op "
        "met de functioneel beheerder."
    ),
    # --- PIP use cases (services/) -------------------------------------------------------
    "pip_refused": N_("Het PIP is niet vastgesteld:"),
    "pip_too_large": N_(
        "Dit PIP is te groot om op te slaan en naar kantoor te sturen ({size} kB; hoogstens "
        "{limit} kB). Maak lange teksten korter of haal regels weg."
    ),
    "pip_value_refused": N_("Dit PIP kan zo niet naar kantoor ({field}); er is niets gewijzigd."),
    "no_pip": N_("Dit dossier heeft nog geen PIP."),
    "no_pip_draft": N_("Er is geen concept om vast te stellen."),
    "annex_unavailable": N_(
        "Er is nog geen volledige vertaling van de samenvatting in {lang} ({key})."
    ),
    "sign_not_set": N_(
        "Alleen een vastgesteld PIP dat nog niet is ondertekend kan worden ondertekend."
    ),
    "pip_changed": N_(
        "Het PIP is intussen gewijzigd (synchronisatie of een opgelost conflict). "
        "Er is niets opgeslagen; het venster toont nu het PIP zoals het is."
    ),
    "sign_changed": N_("Het PIP is intussen gewijzigd; open het opnieuw."),
    "scan_needs_set": N_("Stel het PIP eerst vast; dan kan de ondertekende scan erbij."),
    "case_document_exists": N_(
        "Deze kluis heeft dit dossier al ({case_id}); er is niets geïmporteerd. Een dossier "
        "dat al op deze laptop staat, wordt bijgewerkt door te synchroniseren."
    ),
    "case_document_decisions_elsewhere": N_(
        "Het dossierdocument brengt besluiten mee die iemand anders dan {consultant} heeft "
        "genomen (een boete of een vastgesteld PIP). Zo'n overdracht importeert het kantoor "
        "(inburg-office case import); het dossier komt daarna met de synchronisatie op deze "
        "laptop. Er is niets geïmporteerd."
    ),
    "case_document_unsettled": N_(
        "Het dossierdocument bevat nog {conflicts} conflict(en) en {set_aside} apart gezette "
        "gegevens van de kluis waar het vandaan komt; los die daar eerst op en maak het "
        "document opnieuw. Er is niets geïmporteerd."
    ),
    "pdf_no_glyph": N_(
        "Het document is niet gemaakt: de tekst bevat tekens waarvoor geen lettertype is "
        "meegeleverd ({chars}), zodat er lege vakjes zouden staan. Gebruik voor een naam de "
        "Latijnse schrijfwijze uit de BRP of het paspoort en maak het document opnieuw; er is "
        "niets bewaard of gewijzigd."
    ),
    "pdf_glyph_replaced": N_(
        "Niet alle tekens konden worden afgedrukt: in {fields} staan tekens waarvoor geen "
        "lettertype is meegeleverd ({chars}). Ze staan in de PDF als hun code, zoals "
        "<U+1F600>, en worden aan het eind van de PDF genoemd; de rest is volledig."
    ),
    # a PIP or fine letter is a legal decision: say what to do before it leaves the desk
    "pdf_glyph_replaced_decision": N_(
        "Niet alle tekens konden worden afgedrukt: in {fields} staan tekens waarvoor geen "
        "lettertype is meegeleverd ({chars}). Ze staan in de PDF als hun code, zoals "
        "<U+05E9>. Verbeter de tekst (gebruik voor een naam de Latijnse schrijfwijze uit de "
        "BRP of het paspoort) voordat u het besluit ondertekent of verstuurt."
    ),
    "scan_type": N_("Een scan moet een PDF, PNG of JPEG zijn; er is niets bewaard of gewijzigd."),
    "scan_too_large": N_(
        "De scan is groter dan de grens van {limit} en is niet bewaard; er is niets "
        "gewijzigd. Scan opnieuw met een lagere resolutie of in grijstinten."
    ),
    "scan_not_file": N_(
        "De gekozen scan is geen gewoon bestand (maar een apparaat, pipe of socket); er is "
        "niets bewaard of gewijzigd."
    ),
    "scan_is_folder": N_(
        "De gekozen scan is een map, geen bestand; er is niets bewaard of gewijzigd."
    ),
    "scan_missing": N_("De gekozen scan bestaat niet (meer); er is niets bewaard of gewijzigd."),
    "scan_no_access": N_(
        "Er is geen toegang tot de gekozen scan (controleer de rechten van het bestand); er "
        "is niets bewaard of gewijzigd."
    ),
    "scan_unreadable": N_(
        "De gekozen scan kan niet worden gelezen; er is niets bewaard of gewijzigd."
    ),
    "attachment_too_large": N_(
        "Het bestand is groter dan {limit}, meer dan het kantoor aanneemt; er is niets bewaard."
    ),
    "attachment_missing": N_("De bijlage is niet gevonden in de kluis."),
    "attachment_damaged": N_("De bijlage is beschadigd: de SHA-256 klopt niet."),
    "details_future": N_("{what} ligt in de toekomst."),
    "details_before": N_("{what} ligt vóór {other}."),
    "details_reason_too_long": N_("De reden is langer dan {count} tekens."),
    "route_reason_required": N_(
        "Schrijf op waarom deze leerroute is gekozen (AVG art. 22: een mens beslist)."
    ),
    # the consultant every PIP names (services/consulent.py)
    "consulent_unknown": N_(
        "Er is nog geen naam van de consulent ingesteld. Een PIP noemt de consulent bij "
        "naam: vul eerst uw naam in (Instellingen → Mijn naam als consulent). Er is niets "
        "gemaakt of gewijzigd."
    ),
    "consulent_name_empty": N_("Vul uw naam in; een PIP noemt de consulent bij naam."),
    "consulent_name_too_long": N_("Een naam is hoogstens {limit} tekens lang."),
    "consulent_name_not_a_name": N_(
        "‘{text}’ is geen naam. Vul uw eigen naam in, zoals de inburgeraar u kent."
    ),
    "consulent_name_hidden": N_("Deze naam kan niet worden gebruikt: hij"),
    # --- after the PIP: fines, progress, ontzorgen, agenda (domain rules of issue 15) ----
    "not_negative": N_("{field} kan niet negatief zijn."),
    "end_before_start": N_("{field}: de einddatum ligt vóór de begindatum; er is niets gewijzigd."),
    "fine_settings_invalid": N_(
        "De bedragen voor boetes kloppen niet ({field}); er is niets gewijzigd."
    ),
    "fine_settings_above_besluit": N_(
        "{field} is hoger dan het Besluit inburgering 2021 art. 7.1 toestaat (hoogstens "
        "{maximum}); er is niets gewijzigd."
    ),
    "fine_settings_scale": N_(
        "De percentages mogen van opzet naar verminderde verwijtbaarheid niet stijgen (Besluit "
        "art. 7.1 lid 4); er is niets gewijzigd."
    ),
    "fine_final_date": N_(
        "Vul de datum van onherroepelijk worden in als, en alleen als, de boete onherroepelijk "
        "is; die datum ligt niet vóór de vaststelling."
    ),
    "fine_culpability_missing": N_(
        "Kies de verwijtbaarheid: die bepaalt de boete voor Wet art. 23 (Besluit art. 7.1 lid 4)."
    ),
    "fine_earlier_after_violation": N_(
        "Een eerdere boete is vastgesteld na deze overtreding; controleer de data. Er is geen "
        "boete berekend."
    ),
    # --- enforcement (services.handhaving, domain.handhaving) -------------------------------
    "handhaving_invalid": N_("Deze stap van handhaving kan zo niet worden vastgelegd."),
    "handhaving_no_such_record": N_(
        "Deze overtreding staat niet (meer) in het dossier; er is niets gewijzigd."
    ),
    "handhaving_text_empty": N_("Beschrijf wat er is gebeurd; er is niets vastgelegd."),
    "handhaving_text_too_long": N_(
        "De tekst is langer dan {limit} tekens; maak hem korter. Er is niets vastgelegd."
    ),
    "handhaving_date_future": N_("Deze datum ligt na vandaag; er is niets vastgelegd."),
    "handhaving_date_order": N_(
        "Deze datum ligt vóór de overtreding of het besluit waar hij bij hoort; controleer de "
        "data. Er is niets vastgelegd."
    ),
    "handhaving_amount_above_proposal": N_(
        "De regels staan hoogstens {maximum} toe (Besluit art. 7.1); er is niets vastgelegd."
    ),
    "handhaving_amount_zero": N_(
        "Er valt geen boete op te leggen (het voorstel is € 0 of het bedrag is leeg): kies "
        "'Geen boete' met een reden. Er is niets vastgelegd."
    ),
    "handhaving_reason_lower": N_(
        "Schrijf op waarom de boete lager is dan het voorstel (Awb art. 5:46 lid 3). Er is "
        "niets vastgelegd."
    ),
    "handhaving_reason_none": N_(
        "Schrijf op waarom er geen boete wordt opgelegd. Er is niets vastgelegd."
    ),
    "handhaving_new_term": N_(
        "Na een boete voor de brede intake is de nieuwe termijn hoogstens "
        "{intake_termijn_maanden} maanden (Wet art. 22). Er is niets vastgelegd."
    ),
    "handhaving_no_decision": N_(
        "Over deze overtreding is nog geen besluit genomen; er is niets vastgelegd."
    ),
    "handhaving_not_imposed": N_(
        "Er is geen boete opgelegd, dus er is niets dat onherroepelijk kan worden of kan vervallen."
    ),
    "handhaving_already_decided": N_(
        "Over deze overtreding is al besloten; het besluit en wat eraan voorafging blijven "
        "zoals ze zijn."
    ),
    "handhaving_record_inconsistent": N_(
        "Deze overtreding klopt als geheel niet, dus er is niets vastgelegd of gemaakt:"
    ),
    "handhaving_resolve_one_side": N_(
        "Kies bij handhaving voor de hele overtreding één kant: het besluit berust op het "
        "voorstel, de overtreding en de waarschuwing van dezelfde laptop. Er is niets gewijzigd."
    ),
    "handhaving_already_ended": N_(
        "Bij deze boete is al vastgelegd dat hij onherroepelijk is of is vervallen."
    ),
    "handhaving_final_from": N_(
        "Deze boete is op zijn vroegst op {first} onherroepelijk: tot en met {last} kan er "
        "bezwaar tegen worden gemaakt (Awb art. 6:7 en 6:8). Er is niets vastgelegd."
    ),
    "handhaving_final_not_yet": N_(
        "De bezwaartermijn loopt nog: deze boete is op zijn vroegst op {first} "
        "onherroepelijk (Awb art. 6:7 en 6:8). Leg het vanaf die dag vast; er is niets "
        "vastgelegd."
    ),
    "grace_days_range": N_(
        "{days} dagen kan niet; kies van {minimum} tot en met {maximum} dagen. Er is niets "
        "opgeslagen."
    ),
    "handhaving_step_refused": N_("{reason} Er is niets vastgelegd."),
    "voortgang_gesprekken_count": N_("Plan tussen 1 en {max} voortgangsgesprekken."),
    "voortgang_next_step_missing": N_(
        "De inburgeraar loopt achter: leg vast wat als volgende stap is afgesproken."
    ),
    "voortgang_exam_level": N_(
        "Een taalonderdeel van het examen heeft een niveau, het KNM-examen niet."
    ),
    "art57_kenmerk_missing": N_(
        "Vul het kenmerk in van het besluit om door te gaan met ontzorgen (Participatiewet "
        "art. 57)."
    ),
    "training_finished_not_started": N_(
        "Een budgettraining die niet is begonnen, kan niet zijn afgerond."
    ),
    "snooze_reason_missing": N_("Geef een reden om dit punt uit te stellen."),
    # --- agenda item states (services.agenda, services.agenda_state) ---------------------
    "agenda_item_unknown": N_(
        "Dit punt staat op die dag niet op de agenda van dit dossier (meer); er is niets "
        "vastgelegd."
    ),
    "agenda_snooze_not_later": N_(
        "Stel een punt uit tot een latere dag dan vandaag; er is niets vastgelegd."
    ),
    "agenda_reason_too_long": N_("De reden is langer dan {most} tekens; er is niets vastgelegd."),
    "agenda_reason_hidden": N_(
        "De reden bevat een regelovergang, stuurtekens of tekens die de schrijfrichting "
        "omdraaien; er is niets vastgelegd."
    ),
    "agenda_date_range": N_("De datum valt buiten {first}–{last}; er is niets vastgelegd."),
    "agenda_state_invalid": N_("Dit is geen geldige stand van een agendapunt."),
    # --- voortgangsgesprekken (domain.voortgang_fields, services.voortgang) -------------
    "voortgang_key_unknown": N_("Dit is geen onderdeel van een voortgangsgesprek."),
    "voortgang_date_invalid": N_("Dit is geen geldige datum; er is niets vastgelegd."),
    "voortgang_date_range": N_("De datum valt buiten 1900–2100; er is niets vastgelegd."),
    "voortgang_text_too_long": N_("De tekst is te lang; er is niets vastgelegd."),
    "voortgang_text_hidden": N_(
        "De tekst bevat stuurtekens of tekens die de schrijfrichting omdraaien (of een "
        "regelovergang waar één regel hoort); er is niets vastgelegd."
    ),
    "voortgang_choice_invalid": N_("Dit is geen van de keuzes; er is niets vastgelegd."),
    "voortgang_version_invalid": N_("Dit is geen PIP-versie; er is niets vastgelegd."),
    "voortgang_no_pip": N_(
        "Er is nog geen vastgesteld PIP: de voortgangsgesprekken worden gepland vanuit het "
        "PIP (Besluit inburgering 2021 art. 5.3 lid 4)."
    ),
    "voortgang_no_talk": N_("Dit voortgangsgesprek bestaat niet (meer); er is niets vastgelegd."),
    "voortgang_held_future": N_(
        "Een gesprek kan niet gehouden zijn na vandaag; er is niets vastgelegd."
    ),
    "voortgang_held_order": N_(
        "Gesprekken tellen in de volgorde waarin ze zijn gehouden: deze datum ligt vóór het "
        "vorige of na het volgende gehouden gesprek; er is niets vastgelegd."
    ),
    "voortgang_held_before_termijn": N_(
        "Een voortgangsgesprek valt in de inburgeringstermijn, die begint op {start}; er is "
        "niets vastgelegd."
    ),
    "voortgang_afspraak_unknown": N_(
        "Deze afspraak staat niet (meer) in het PIP van dit gesprek; er is niets vastgelegd."
    ),
    "voortgang_amend_reason_missing": N_(
        "Zeg waarom het PIP naar aanleiding van dit gesprek wijzigt; er is niets vastgelegd."
    ),
    "conflict_talk_order": N_(
        "Met deze keuze zouden de voortgangsgesprekken elkaar tegenspreken: een gesprek "
        "gehouden vóór het gesprek ervoor of zonder dat gesprek, vóór de inschrijving in de "
        "BRP of onder een PIP-versie die het dossier niet heeft. Kies eerst bij het gesprek "
        "ervoor, of kies hier de andere kant; er is niets gewijzigd."
    ),
    "voortgang_amend_not_held": N_(
        "Leg eerst vast dat dit gesprek is gehouden; pas dan kan het PIP ernaar wijzigen."
    ),
    "voortgang_undo_sent": N_(
        "Dat dit gesprek is gehouden, is al naar kantoor gestuurd (synchronisatie); het kan "
        "niet meer ongedaan worden gemaakt. Er is niets gewijzigd. Een verkeerde dag "
        "verbetert u door de juiste dag bij ‘Gehouden op’ in te vullen en het gesprek "
        "opnieuw vast te leggen."
    ),
    # --- progress data, ontzorgen, nazorg (domain.progress_fields, services.progress,
    # services.aftercare) ---------------------------------------------------------------
    "voortgangsdata_key_unknown": N_("Dit is geen onderdeel van de voortgangsgegevens."),
    "voortgangsdata_date_invalid": N_("Dit is geen geldige datum; er is niets vastgelegd."),
    "voortgangsdata_date_range": N_("De datum valt buiten 1900–2100; er is niets vastgelegd."),
    "voortgangsdata_text_empty": N_("Vul dit veld in; er is niets vastgelegd."),
    "voortgangsdata_text_too_long": N_(
        "De tekst is langer dan {most} tekens; maak hem korter. Er is niets vastgelegd."
    ),
    "voortgangsdata_text_invalid": N_(
        "De tekst bevat een regelovergang, stuurtekens, onzichtbare tekens of tekens die de "
        "schrijfrichting omdraaien; er is niets vastgelegd."
    ),
    "voortgangsdata_hours_invalid": N_(
        "Vul de uren in als getal met hoogstens twee decimalen, bijvoorbeeld 12,5; er is "
        "niets vastgelegd."
    ),
    "voortgangsdata_hours_range": N_(
        "Vul meer dan 0 en hoogstens {most} uur in (24 per dag van de periode); er is niets "
        "vastgelegd."
    ),
    "voortgangsdata_hours_text": N_(
        "Vul bij de uren alleen een getal in, bijvoorbeeld 12 of 12,5; er is niets vastgelegd."
    ),
    "voortgangsdata_hours_point": N_(
        "Gebruik een komma voor de decimalen, bijvoorbeeld 12,5; er is niets vastgelegd."
    ),
    "voortgangsdata_uren_overlap": N_(
        "Deze aanbieder heeft voor deze soort uren al uren over (een deel van) deze periode "
        "gemeld; ze zouden dubbel tellen. Verwijder eerst de regel die niet klopt. Er is "
        "niets vastgelegd."
    ),
    "voortgangsdata_route_not_set": N_(
        "Dit hoort bij een bepaalde leerroute, en er is nog geen vastgesteld PIP dat de "
        "leerroute vastlegt. Stel eerst het PIP vast. Er is niets vastgelegd."
    ),
    "voortgangsdata_choice_invalid": N_("Dit is geen van de keuzes; er is niets vastgelegd."),
    "voortgangsdata_range_order": N_(
        "De einddatum ligt vóór de begindatum; er is niets vastgelegd."
    ),
    "voortgangsdata_intake_not_nt2": N_(
        "Alleen NT2-lesuren tijdens de brede intake tellen mee voor de {a2_lesuren} uur (Besluit "
        "inburgering 2021 art. 5.5 lid 2); er is niets vastgelegd."
    ),
    "voortgangsdata_shape": N_(
        "Deze gegevens hebben niet de vorm die de app bewaart; er is niets vastgelegd."
    ),
    "voortgangsdata_date_future": N_(
        "Deze datum ligt na vandaag: leg alleen vast wat al gebeurd is. Er is niets vastgelegd."
    ),
    "voortgangsdata_before_brp": N_(
        "Deze datum ligt vóór de inschrijving in de BRP; daarvoor begint de inburgering niet "
        "(Wet inburgering 2021 art. 14 lid 1). Er is niets vastgelegd."
    ),
    "voortgangsdata_map_not_applicable": N_(
        "In de onderwijsroute is er geen MAP: het taalschakeltraject vervangt die (Wet "
        "inburgering 2021 art. 8 lid 3). Er is niets vastgelegd."
    ),
    "voortgangsdata_not_z_route": N_(
        "Het eindgesprek van de Z-route hoort alleen bij de Z-route (Besluit inburgering 2021 "
        "art. 3.14); volgens het PIP volgt deze inburgeraar een andere route. Er is niets "
        "vastgelegd."
    ),
    "voortgangsdata_exam_in_z_route": N_(
        "In de Z-route is er geen examen: het eindgesprek sluit de route af (Besluit "
        "inburgering 2021 art. 3.14). Er is niets vastgelegd."
    ),
    "voortgangsdata_no_entry": N_(
        "Deze regel staat niet (meer) in het dossier; er is niets gewijzigd."
    ),
    "ontzorgen_not_applicable": N_(
        "Ontzorgen geldt alleen voor een asielstatushouder met een startdatum van de bijstand "
        "(Participatiewet art. 56a); er is niets vastgelegd."
    ),
    "ontzorgen_art57_before_end": N_(
        "Een besluit op grond van Participatiewet art. 57 gaat over de tijd na de "
        "{ontzorgen_maanden} maanden ontzorgen, die t/m {eind} lopen: laat het daarna ingaan. "
        "Er is niets vastgelegd."
    ),
    "nazorg_no_exam": N_(
        "Er is nog geen behaald examen vastgelegd; het nazorgcontact volgt {contact_maanden} "
        "maanden na het examen. Er is niets vastgelegd."
    ),
    "nazorg_before_exam": N_(
        "Dit contact ligt vóór het behaalde examen en is dus geen nazorgcontact; er is niets "
        "vastgelegd."
    ),
}


# Parameters that hold a msgid (a field's label) rather than a value: translated too.
TRANSLATED_PARAMS = frozenset({"what", "other"})


LAW_NUMBERS: Mapping[str, int] = {
    "intake_termijn_maanden": INTAKE_NEW_TERM_MONTHS,  # Wet art. 22
    "a2_lesuren": A2_MIN_COURSE_HOURS,  # Besluit art. 5.5
    "ontzorgen_maanden": ONTZORGEN_MONTHS,  # Participatiewet art. 56a
    "contact_maanden": NAZORG_MONTHS,
}
"""The law's numbers a sentence names, by placeholder: from the constants the rules use in
domain/, so a sentence never says another number than the rule holds (review: "twee
maanden", "600 uur", "zes maanden" were written into the sentences)."""


class _Params(dict[str, str]):
    """Placeholders a message names but a problem did not fill stay visible, not a crash."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def problem_text(problem: Problem) -> str:
    """The sentence for ``problem`` in the UI language, its first rule reason appended."""
    msgid = MESSAGES.get(problem.code)
    if msgid is None:
        log.error("problem code without a message: %s", problem.code)
        return _(UNEXPECTED)
    params = {key: format_number(value) for key, value in LAW_NUMBERS.items()}
    params.update(
        (key, _(value) if key in TRANSLATED_PARAMS else value)
        for key, value in problem.params.items()
    )
    text = _(msgid).format_map(_Params(params))
    reasons: tuple[Reason, ...] = getattr(problem, "reasons", ())
    if reasons:
        text = f"{text} {reason_text(reasons[0])}"
    if getattr(problem, "passphrase_unchanged", False):
        text = _passphrase_unchanged(problem, text)
    return text


PASSPHRASE_UNCHANGED = N_(
    "Het wachtwoord is niet gewijzigd: de kluis opent nog met het oude wachtwoord."
)
PASSPHRASE_UNCHANGED_BECAUSE = N_(
    "Het wachtwoord is niet gewijzigd ({reason}): de kluis opent nog met het oude "
    "wachtwoord. Let op: de reservekopie {names} van vóór een migratie opent nu al met het "
    "nieuwe wachtwoord. Dat wordt bij het volgende openen van de kluis rechtgezet; 'inburg "
    "vault check' verwijdert de reservekopie zodra de kluis in orde is."
)
# Why the change failed, short: the cause's own sentence says "nothing changed", which is
# not true once a backup already opens with the new passphrase.
SHORT_REASONS: Mapping[str, str] = {  # by code; a ``*_at`` code (naming the folder) alike
    "disk_full": N_("de schijf is vol"),
    "storage_fault": N_("de schijf meldde een lees- of schrijffout"),
    "read_only": N_("de schijf kan alleen gelezen worden"),
    "no_permission": N_("geen toestemming om te schrijven"),
    "vault_in_use": N_("de kluis is in gebruik"),
}


def _passphrase_unchanged(problem: Problem, cause: str) -> str:
    """A failed passphrase change, worded for what is true now (``storage.vault``)."""
    still_new: tuple[str, ...] = getattr(problem, "backups_on_new_passphrase", ())
    if not still_new:
        # The cause's own sentence ("... niets gewijzigd") is true here: say it whole.
        return _(PASSPHRASE_UNCHANGED) + " " + cause
    reason = _(SHORT_REASONS.get(problem.code.removesuffix("_at"), N_("schrijven mislukte")))
    return _(PASSPHRASE_UNCHANGED_BECAUSE).format(reason=reason, names=", ".join(still_new))


_SENTENCE_END = (".", "!", "?", "…")


FIELD_REFUSAL = N_("{field}: {message}")
"""A refusal that names its field by the field's label ("Tot en met: deze datum ligt na
vandaag…"): a form with two dates said "Deze datum…" without saying which (usability
round 9, finding 17)."""


def field_refusal(field: str, message: str) -> str:
    """``message`` (already in the UI language) named by its field's label ``field`` as
    shown (its "&" and closing colon left out)."""
    name = field.replace("&", "").strip().rstrip(":").strip()
    return _(FIELD_REFUSAL).format(field=name, message=message)


def sentences(*parts: str) -> str:
    """Sentences joined into one text, each ending in exactly one full stop (or its own
    "!", "?", "…"): a sentence that already ends in one is not given a second ("…of
    15062021.. Als u", usability round 7, finding 16). Empty parts are left out."""
    out = []
    for part in parts:
        text = part.strip()
        if not text:
            continue
        out.append(text if text.endswith(_SENTENCE_END) else text + ".")
    return " ".join(out)


class Worded(ValueError):
    """A refusal the edge itself words, already in the user's language (a date field
    saying what is wrong with what was typed): :func:`error_text` shows it as it is."""


def error_text(exc: BaseException) -> str:
    """What to show for ``exc``: its problem's sentence, a file error told as what it is,
    an edge's own :class:`Worded` refusal, or the unexpected-error sentence. Never a class
    name, never another exception's ``str(exc)``."""
    if isinstance(exc, Worded):
        return str(exc)
    if isinstance(exc, Problem):
        return problem_text(exc)
    if isinstance(exc, OSError):
        return file_problem(exc)
    # The class name goes to the log (never its text: it may quote a value), not the screen.
    log.error("unexpected error shown as such: %s", type(exc).__name__)
    return _(UNEXPECTED)


def file_problem(exc: OSError) -> str:
    """Why a file could not be read or written, in words (never the system's English)."""
    if isinstance(exc, PermissionError):
        return _("geen toestemming om dit bestand te lezen of te schrijven")
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        return _("het bestand of de map bestaat niet")
    if isinstance(exc, IsADirectoryError):
        return _("dit is een map, geen bestand")
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return _("de schijf is vol")
    if exc.errno == errno.EROFS:
        return _("die schijf is alleen-lezen")
    if exc.errno == errno.EIO:
        return _("de schijf gaf een lees- of schrijffout")
    return _("het bestand kon niet worden gebruikt")
