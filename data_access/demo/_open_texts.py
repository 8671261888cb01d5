"""Phrase bank of the demo open answers in Finnish, Swedish and English.

Why templates with alternatives rather than canned answers: the theme coder, the language
detector and the redaction of quotes must be exercised on text that varies like real survey
answers (inflected forms, word order, register), so every sentence is written with many
alternative phrasings. Syntax: ``{a|b|c}`` picks one alternative (may nest, may be empty).
A template starting with ``P:`` speaks of experienced benefits (2023 wording), ``E:`` of expected
benefits (2020 wording of ``open_benefits``); templates without a prefix fit both.

Everything here is invented. Person names, e-mail domains and phone numbers are made up for
testing redaction; the domains use reserved example names.
"""

from __future__ import annotations

Bank = dict[str, dict[str, tuple[str, ...]]]

#: Theme id -> language -> sentence templates.
THEME_TEMPLATES: Bank = {
    # --- benefits of the programme -------------------------------------------------------------
    "new_partners": {
        "fi": (
            "P:{Olemme saaneet|Saimme|Ollaan saatu|Meille on tullut} {uusia|paljon uusia|"
            "muutamia uusia|arvokkaita uusia} {yhteistyökumppaneita|kumppaneita|kontakteja|"
            "yhteyksiä} {erityisesti järjestöistä|muista kunnista|alueen toimijoista|"
            "eri sektoreilta|oman alueen ulkopuolelta|}.",
            "P:Verkostoituminen {muiden toimijoiden|järjestöjen|kuntien ja järjestöjen|"
            "eri alojen toimijoiden} kanssa on ollut {ehdottomasti |}{tärkein hyöty|"
            "kaikkein arvokkainta|meille tärkeintä|iso apu}.",
            "Uudet {kontaktit|kumppanuudet|yhteistyökuviot} {muiden toimijoiden kanssa|"
            "eri puolilta Suomea|omalla alueella|järjestöjen ja kuntien välillä}"
            "{ ovat tärkein asia| ovat se tärkein juttu|}.",
            "P:{Tutustuimme|Olemme tutustuneet|Päästiin tutustumaan} {uusiin ihmisiin|"
            "uusiin toimijoihin|alueen muihin toimijoihin|muihin kotoutumistyötä tekeviin}"
            "{, mikä helpottaa yhteydenottoa arjessa| ja saimme yhteyshenkilöitä|"
            ", joiden kanssa teemme nyt yhteistyötä|}.",
            "E:{Toivomme|Odotamme|Toivoisimme|Toivottavasti saamme} {uusia yhteistyökumppaneita|"
            "uusia kontakteja|laajempaa verkostoa|verkostoitumista muiden toimijoiden kanssa}"
            "{ erityisesti järjestökentältä| omalta alueelta| eri sektoreilta|}.",
            "E:{Kontakteja|Yhteyksiä} {eri toimijoihin|muihin kuntiin|järjestöihin}{, koska "
            "yksin ei pärjää| ja uusia kumppaneita|}.",
            "P:Kumppaneiden löytäminen {on helpottunut|on ollut helpompaa}{, kun|, koska} "
            "{tiedämme kenen puoleen kääntyä|tunnemme toisemme paremmin|verkosto on tuttu}.",
        ),
        "sv": (
            "P:{Vi har fått|Vi fick} {nya samarbetspartner|nya kontakter|många nya kontakter|"
            "nya partner} {inom tredje sektorn|i andra kommuner|i regionen|}.",
            "P:Nätverkandet med {andra aktörer|föreningar|kommuner} har varit {det viktigaste|"
            "mycket värdefullt|till stor nytta}.",
            "E:Vi {hoppas på|förväntar oss} {nya kontakter|nya samarbetspartner|ett bredare "
            "nätverk}{ i regionen| bland svenskspråkiga aktörer|}.",
            "Nya {kontakter|partnerskap} {med andra aktörer|i hela landet|i vår region}.",
        ),
        "en": (
            "P:{We have found|We found|We got} {new partners|new contacts|many new contacts|"
            "useful new contacts} {among NGOs|in other municipalities|in our region|"
            "from different sectors|}.",
            "P:Networking with {other actors|other organisations|municipalities and NGOs} has "
            "been {the most important benefit|very valuable|really useful}{ for a small "
            "association like ours|}.",
            "E:We {hope to find|expect to find|would like to get} {new partners|new contacts|"
            "a wider network}{ in the region| among authorities|}.",
            "{New contacts|New partnerships|Networking} {with other actors|across sectors|"
            "in the region}{, which is important for us| and knowing who to contact|}.",
        ),
    },
    "third_sector_authority": {
        "fi": (
            "P:{Yhteistyö|Yhteydenpito|Yhteys} {järjestöjen ja viranomaisten|kolmannen sektorin "
            "ja viranomaisten|järjestöjen ja kunnan|yhdistysten ja julkisen sektorin} välillä on "
            "{parantunut|tiivistynyt|lisääntynyt|helpottunut}{ selvästi| jonkin verran|"
            " huomattavasti|}.",
            "P:{Olemme päässeet|Pääsimme|Ollaan päästy} {keskustelemaan|tekemään yhteistyötä|"
            "samaan pöytään} {kunnan|ELY-keskuksen|viranomaisten|TE-toimiston|kaupungin} "
            "{kanssa|edustajien kanssa}{ ihan eri tavalla kuin ennen| ensimmäistä kertaa|"
            " säännöllisesti|}.",
            "P:{Viranomaiset|Kunnan työntekijät|Virkailijat} {tuntevat nyt paremmin|ovat oppineet "
            "tuntemaan} {järjestöjen|yhdistysten|kolmannen sektorin} {työtä|toimintaa|osaamista}"
            "{ ja osaavat ohjata asiakkaita meille| ja se näkyy arjessa|}.",
            "E:{Toivomme|Odotamme|Toivoisimme} {tiiviimpää|parempaa|säännöllisempää} yhteistyötä "
            "{viranomaisten|kunnan|ELY-keskuksen|julkisen sektorin} kanssa{, koska järjestöjen "
            "ääni ei aina kuulu| ja matalampaa kynnystä ottaa yhteyttä|}.",
            "Järjestöjen ja viranomaisten {välisen yhteistyön|yhteistyön} {vahvistuminen|"
            "tiivistyminen|parantuminen}{ on tärkein hyöty| kunnassamme| alueellamme|}.",
        ),
        "sv": (
            "P:Samarbetet mellan {föreningar och myndigheter|tredje sektorn och myndigheterna|"
            "organisationerna och kommunen} har {förbättrats|blivit tätare|blivit enklare}.",
            "P:{Vi har fått|Vi fick} {möjlighet|chansen} att {diskutera|samarbeta} med "
            "{kommunen|NTM-centralen|myndigheterna}{ på ett nytt sätt| regelbundet|}.",
            "E:Vi hoppas på {ett tätare|ett bättre|ett mer regelbundet} samarbete med "
            "{myndigheterna|kommunen|NTM-centralen}.",
        ),
        "en": (
            "P:Cooperation between {NGOs and authorities|the third sector and the authorities|"
            "associations and the municipality} has {improved|become closer|become easier}"
            "{ a lot| somewhat|}.",
            "P:We {have been able|got the chance} to {discuss|work together} with {the "
            "municipality|the ELY Centre|the authorities|the TE office}{ for the first time|"
            " regularly|}.",
            "E:We hope for {closer|better|more regular} cooperation with {the authorities|"
            "the municipality|the ELY Centre}.",
        ),
    },
    "information_exchange": {
        "fi": (
            "{Tiedonvaihto|Tiedonkulku|Tiedon jakaminen} {eri toimijoiden|organisaatioiden|"
            "toimijoiden ja viranomaisten|kuntien ja järjestöjen} välillä {on parantunut|"
            "on ollut hyödyllistä|toimii nyt paremmin|on tärkeä hyöty}.",
            "P:{Saamme|Olemme saaneet|Saadaan} {ajankohtaista tietoa|tietoa|paljon hyödyllistä "
            "tietoa|tuoretta tietoa} {kotoutumisen ajankohtaisista asioista|lainsäädännön "
            "muutoksista|muiden hankkeista|rahoitusmahdollisuuksista|muiden toimijoiden työstä}"
            "{ uutiskirjeen kautta| webinaareista| tapaamisissa|}.",
            "P:{On ollut hyvä|On ollut hyödyllistä|Oli kiva|Tärkeää on ollut} {kuulla|tietää|"
            "nähdä}, mitä {muualla|muissa kunnissa|muilla alueilla|muissa organisaatioissa} "
            "{tehdään|on tehty|tapahtuu}.",
            "E:{Toivomme|Odotamme} {parempaa tiedonkulkua|tiedonvaihtoa} {toimijoiden välillä|"
            "eri organisaatioiden kesken|kuntien ja järjestöjen välillä}.",
            "E:{Toivomme|Odotamme} ajantasaista tietoa {valtakunnallisesta kotoutumistyöstä|"
            "muiden hankkeista|rahoitusmahdollisuuksista}.",
        ),
        "sv": (
            "{Informationsutbytet|Informationsflödet} mellan {olika aktörer|organisationer och "
            "myndigheter|kommunerna} har {förbättrats|varit nyttigt|fungerat bra}.",
            "P:Vi får {aktuell information|nyttig information|information} om "
            "{integrationsfrågor|lagändringar|finansieringsmöjligheter|andras projekt}"
            "{ via nyhetsbrevet| i webbinarierna|}.",
            "Det {har varit|är} {bra|nyttigt|intressant} att höra vad {andra kommuner|andra "
            "regioner|andra organisationer} gör.",
        ),
        "en": (
            "{Information exchange|The flow of information|Sharing information} between "
            "{different actors|organisations and authorities|municipalities and NGOs} {has "
            "improved|has been useful|works better now}.",
            "P:We {get|have received} {up-to-date information|useful information|information} "
            "about {integration issues|changes in legislation|funding opportunities|other "
            "projects}{ through the newsletter| in the webinars|}.",
            "It {has been|is} {good|useful|interesting} to {hear|learn|see} what {other "
            "municipalities|other regions|other organisations} are doing.",
        ),
    },
    "competence": {
        "fi": (
            "P:{Koulutukset|Webinaarit|Koulutukset ja webinaarit} ovat {lisänneet|vahvistaneet|"
            "kasvattaneet} {henkilöstömme|työntekijöidemme|meidän|vapaaehtoistemme} "
            "{osaamista|tietämystä|ymmärrystä} {kotoutumisesta|kotoutumislaista|monikulttuurisesta "
            "työstä|maahanmuuttajien kanssa työskentelystä}.",
            "P:{Osaamisen kehittäminen|Uusi osaaminen|Koulutuksista saatu osaaminen} on ollut "
            "{meille iso hyöty|tärkein anti|hyödyllistä}{, erityisesti pienelle yhdistykselle|"
            " uusille työntekijöille|}.",
            "E:{Toivomme|Odotamme} {koulutusta|lisää osaamista|lisää koulutusta} "
            "{kotoutumiseen liittyvistä asioista|kotoutumislain muutoksista|selkokielestä|"
            "työllisyysasioista}.",
            "P:{Opimme|Olemme oppineet|Ollaan opittu} {paljon|uutta|uusia asioita} "
            "{kotoutumisesta|maahanmuuttajien palveluista|selkokielisestä viestinnästä|"
            "kulttuurisensitiivisestä työstä}.",
        ),
        "sv": (
            "P:{Utbildningarna|Webbinarierna} har {stärkt|ökat} {vår personals|våra frivilligas|"
            "vår} {kompetens|kunskap} om {integration|integrationslagen|mångkulturellt arbete}.",
            "P:Vi har lärt oss {mycket|nya saker} om {integration|tjänster för invandrare|"
            "klarspråk}.",
            "E:Vi hoppas på {utbildning|mer kompetens|ny kunskap} om {integrationsfrågor|den nya "
            "integrationslagen|sysselsättning}.",
        ),
        "en": (
            "P:The {trainings|webinars|trainings and webinars} have {increased|strengthened|"
            "improved} {our staff's|our volunteers'|our} {knowledge|competence|understanding} of "
            "{integration|the Integration Act|multicultural work|working with immigrants}.",
            "P:We {learned|have learned} {a lot|new things} about {integration|services for "
            "immigrants|plain language communication}.",
            "E:We {hope for|expect} {training|more competence|new knowledge} on {integration "
            "issues|the new Integration Act|employment services}.",
        ),
    },
    "good_practices": {
        "fi": (
            "P:{Hyvät käytännöt|Toisten hyvät käytännöt|Muiden kokemukset} ovat olleet "
            "{hyödyllisiä|inspiroivia|arvokkaita}{ omassa työssämme| ja olemme ottaneet niitä "
            "käyttöön|}.",
            "P:{Saimme|Olemme saaneet|Ollaan saatu} {ideoita|vinkkejä|malleja|hyviä käytäntöjä} "
            "{muilta toimijoilta|muista kunnista|toisilta järjestöiltä}{ omaan työhömme|"
            " ryhmätoimintaan| ohjaustyöhön|}.",
            "E:{Toivomme|Odotamme} {hyvien käytäntöjen|toimivien mallien} {jakamista|"
            "levittämistä}{ eri toimijoiden kesken| alueiden välillä|}.",
            "{Toimivien mallien|Hyvien käytäntöjen} {jakaminen|levittäminen} {on tärkeää|"
            "auttaa meitä kehittämään omaa toimintaa|säästää aikaa}.",
        ),
        "sv": (
            "P:Vi har fått {idéer|tips|goda exempel} från {andra aktörer|andra kommuner|andra "
            "föreningar}{ som vi har tagit i bruk|}.",
            "{Att dela goda praxis|Goda exempel från andra} {har varit|är} {nyttigt|inspirerande}.",
        ),
        "en": (
            "P:We {got|have got} {ideas|tips|good examples|models} from {other actors|other "
            "municipalities|other associations}{ that we now use ourselves| for our own work|}.",
            "{Sharing good practices|Learning from others' experiences} {has been|is} {useful|"
            "inspiring|valuable}.",
            "E:We hope {good practices|working models} will be shared {between regions|among "
            "actors}.",
        ),
    },
    "influence": {
        "fi": (
            "P:{Olemme päässeet|Pääsimme|Olemme voineet} {vaikuttamaan|osallistumaan} "
            "{kotoutumisohjelman valmisteluun|toimintasuunnitelman valmisteluun|alueen "
            "kotoutumistyön suunnitteluun|päätöksentekoon}{ edes vähän|}.",
            "P:{Järjestöjen ääni|Kentän ääni|Meidän äänemme} {kuuluu|on kuulunut} {paremmin|"
            "aiempaa paremmin|vihdoin} {päätöksenteossa|valtakunnallisella tasolla|"
            "ministeriön suuntaan}.",
            "E:{Toivomme|Odotamme|Toivoisimme} {pääsevämme vaikuttamaan|mahdollisuutta vaikuttaa} "
            "{kotoutumispolitiikkaan|alueen kotoutumistyöhön|päätöksiin}.",
        ),
        "sv": (
            "P:Vi har {kunnat|fått} {påverka|delta i} {beredningen av handlingsplanen|planeringen "
            "av integrationsarbetet i regionen|beslutsfattandet}.",
            "{Föreningarnas röst|Vår röst} hörs {bättre|nu bättre} {på nationell nivå|i "
            "beslutsfattandet}.",
        ),
        "en": (
            "P:We {have been able|were able} to {influence|take part in} {the action plan|"
            "planning integration work in our region|decision-making}{ a little|}.",
            "{The voice of NGOs|Our voice|The voice of the field} is {heard better|now heard|"
            "finally heard} {in decision-making|at national level|by the ministry}.",
            "E:We hope {to influence|for a chance to influence} {integration policy|decisions|"
            "integration work in the region}.",
        ),
    },
    # --- development needs -----------------------------------------------------------------------
    "structural_participation": {
        "fi": (
            "{Maahanmuuttaneet|Maahanmuuttajat|Maahanmuuttajataustaiset ihmiset} {pitäisi ottaa|"
            "tulisi ottaa|pitää ottaa} mukaan {suunnitteluun|kehittämiseen|päätöksentekoon|"
            "yhteistyöhön}{ jo alusta asti| pysyvästi| eikä vain kerran kuultavaksi|}.",
            "Tarvitaan {rakenteita|pysyviä rakenteita|rakenteellisia muutoksia|toimintamalleja}, "
            "{joilla|joiden avulla} {maahanmuuttaneet|maahanmuuttajat itse|"
            "maahanmuuttajajärjestöt} {pääsevät osallistumaan|voivat osallistua|pääsevät mukaan} "
            "{kotoutumistyön yhteistyöhön|palveluiden kehittämiseen|päätöksentekoon}.",
            "{Maahanmuuttajien|Maahanmuuttaneiden} {oma ääni|näkökulma|kokemustieto} "
            "{puuttuu|jää puuttumaan} {liian usein|edelleen|lähes kokonaan} {yhteistyöstä|"
            "suunnittelusta|työryhmistä}.",
            "{Maahanmuuttajajärjestöt|Maahanmuuttajien omat yhdistykset} {pitäisi|tulisi} ottaa "
            "{tasavertaisiksi kumppaneiksi|mukaan verkostoihin|mukaan työryhmiin}{, ei vain "
            "kohderyhmäksi|}.",
            "{Osallisuus|Osallistuminen} ei {voi|saa} jäädä {yksittäisten hankkeiden|yksittäisten "
            "työntekijöiden|projektien} varaan, vaan {se pitää rakentaa pysyviin rakenteisiin|"
            "sen pitää olla osa perustyötä|se pitää kirjata rakenteisiin}.",
            "{Kotoutumistyötä|Palveluja|Yhteistyötä} {suunnitellaan|kehitetään} {edelleen|"
            "liikaa|usein} maahanmuuttaneiden puolesta eikä {heidän kanssaan|yhdessä heidän "
            "kanssaan}.",
        ),
        "sv": (
            "Invandrare {borde|måste} {få vara med|involveras} i {planeringen|utvecklingen|"
            "beslutsfattandet}{ från början| på riktigt| permanent|}.",
            "Det behövs {strukturer|permanenta strukturer|strukturella förändringar} så att "
            "{invandrare|invandrarföreningar} kan delta i {integrationssamarbetet|utvecklingen av "
            "tjänster}.",
            "Invandrarnas {egen röst|perspektiv} saknas {ofta|fortfarande} i {samarbetet|"
            "arbetsgrupperna|planeringen}.",
        ),
        "en": (
            "Immigrants {should|must} {be involved|take part} in {planning|development|"
            "decision-making}{ from the start| for real| permanently|}.",
            "We need {structures|permanent structures|structural change} so that {immigrants|"
            "immigrant associations|immigrants themselves} can take part in {integration "
            "cooperation|developing services|decision-making}.",
            "{The voice of immigrants|Immigrants' own perspective|Lived experience} is {often|"
            "still|almost always} missing from {cooperation|planning|working groups}.",
            "Participation cannot depend on {single projects|individual workers|short projects}, "
            "it has to be {built into the structures|part of basic work}.",
        ),
    },
    "programme_information": {
        "fi": (
            "{Kumppanuusohjelmasta|Ohjelmasta|Kumppanuusohjelman toiminnasta} {pitäisi|tulisi|"
            "voisi} {tiedottaa|viestiä|kertoa} {enemmän|paremmin|selkeämmin|aktiivisemmin}"
            "{, moni ei tiedä siitä mitään| pienille toimijoille| myös ruotsiksi ja englanniksi|}.",
            "{En ollut kuullut|Emme olleet kuulleet|En tiennyt} kumppanuusohjelmasta ennen tätä "
            "kyselyä{, joten viestintää pitää parantaa| ja se kertoo jotain|}.",
            "Tietoa {ohjelman toiminnasta|tilaisuuksista|koulutuksista|rahoituksesta} {on vaikea "
            "löytää|on hajallaan|ei tavoita kaikkia}{ ja sivusto on sekava|, yksi selkeä sivusto "
            "auttaisi|}.",
            "{Selkeämpää|Enemmän|Ajantasaisempaa} tietoa siitä, {miten mukaan pääsee|mitä ohjelma "
            "tarkoittaa käytännössä|mitä ohjelma tekee|kuka koordinoi alueella}.",
        ),
        "sv": (
            "{Partnerskapsprogrammet|Programmet} borde {synas|informera} {mer|bättre|tydligare}"
            "{, också på svenska| för små föreningar|}.",
            "Vi kände inte till programmet före {den här enkäten|enkäten}{, så informationen når "
            "inte fram|}.",
            "Det är svårt att hitta information {på svenska|om verksamheten|om utbildningarna}.",
        ),
        "en": (
            "The {partnership programme|programme} should be {promoted|communicated} {more|better|"
            "more clearly}{, many do not know about it| in English too| to small actors|}.",
            "{I|We} had not heard of the programme before this survey{, so communication must "
            "improve|}.",
            "It is hard to find information {in English|about the activities|about trainings|"
            "about funding}.",
        ),
    },
    "dialogue_authorities": {
        "fi": (
            "{Viranomaisten|Kunnan|ELY-keskuksen} {pitäisi|tulisi} {kuunnella|kuulla} "
            "{järjestöjä|kolmatta sektoria|kenttää|meitä} {enemmän|paremmin|aidosti}"
            "{, ei vain muodon vuoksi|}.",
            "{Säännöllisiä|Yhteisiä|Matalan kynnyksen} {tapaamisia|keskustelufoorumeita|"
            "kohtaamisia} {järjestöjen ja viranomaisten|kolmannen sektorin ja kunnan|yritysten ja "
            "viranomaisten} välille.",
            "Vuoropuhelu viranomaisten kanssa {on|tuntuu olevan} {yksisuuntaista|hankalaa|"
            "satunnaista|liian muodollista}{, tähän toivoisi muutosta|, sitä pitää parantaa|}.",
            "Yksityisen ja kolmannen sektorin {toimijat|edustajat} {pitää|pitäisi} ottaa "
            "{mukaan|paremmin mukaan} {kunnan|alueen} {yhteistyöryhmiin|suunnitteluun|"
            "verkostoihin}.",
        ),
        "sv": (
            "Myndigheterna borde {lyssna mer på|ta större hänsyn till|höra} {föreningarna|tredje "
            "sektorn|fältet}.",
            "Det behövs {regelbundna möten|fler mötesplatser|en bättre dialog} mellan "
            "{föreningar och myndigheter|tredje sektorn och kommunen}.",
        ),
        "en": (
            "{The authorities|The municipality|The ELY Centre} should {listen to|hear|take into "
            "account} {NGOs|the third sector|the field|us} {more|better|properly}{, not only as a "
            "formality|}.",
            "{Regular|Low-threshold|Joint} {meetings|forums|meeting places} between {NGOs and "
            "authorities|the third sector and the municipality|companies and authorities}.",
            "Dialogue with the authorities {is|feels} {one-sided|difficult|random|too formal}.",
        ),
    },
    "resources_funding": {
        "fi": (
            "{Resursseja|Rahoitusta} tarvitaan {enemmän|lisää}{ erityisesti järjestöille|"
            " myös pienille toimijoille| pysyvään toimintaan|}{, hankerahoitus on liian "
            "lyhytjänteistä|}.",
            "Ilman {resursseja|rahoitusta|riittävää henkilöstöä} {yhteistyöhön ei ole aikaa|"
            "yhteistyö jää puheen tasolle|ei synny pysyvää toimintaa}.",
            "{Hankerahoitus|Hankkeiden lyhytjänteisyys|Rahoituksen epävarmuus} {vaikeuttaa|"
            "hankaloittaa|estää} {pitkäjänteistä työtä|yhteistyön jatkuvuutta|hyvien käytäntöjen "
            "juurtumista}.",
            "Pitkäjänteistä rahoitusta {järjestöjen|yhdistysten|matalan kynnyksen} "
            "{toimintaan|työhön}{, ei vain hankkeisiin|}.",
        ),
        "sv": (
            "Det behövs {mer resurser|långsiktig finansiering|mer pengar} {för föreningarna|för "
            "samarbetet|för permanent verksamhet}{, projektfinansieringen är för kortsiktig|}.",
            "Utan {resurser|finansiering|personal} blir samarbetet {bara prat|svårt att "
            "upprätthålla}.",
        ),
        "en": (
            "{More resources are|Long-term funding is|More funding is} needed {for NGOs|for small "
            "actors|for permanent work}{, project funding is too short-term|}.",
            "Without {resources|funding|staff} {there is no time for cooperation|cooperation "
            "stays on paper|nothing permanent is created}.",
        ),
    },
    "rooting_practices": {
        "fi": (
            "{Hyvät käytännöt|Hyvät mallit|Hankkeissa syntyneet mallit} {pitäisi|tulisi|pitää} "
            "{juurruttaa|saada juurtumaan|vakiinnuttaa} {pysyviksi toimintatavoiksi|perustyöhön|"
            "kuntien arkeen}{ hankkeen päätyttyä|, ei aloittaa aina alusta|}.",
            "{Liian usein|Aivan liian usein|Usein} {hyvä toiminta|hyvä malli|hankkeen tulokset} "
            "{loppuu|päättyy|katoaa} {rahoituksen mukana|hankkeen päättyessä}.",
            "{Hyvien käytäntöjen|Onnistuneiden mallien} {levittäminen|jakaminen|juurruttaminen} "
            "{alueelta toiselle|kuntien välillä|koko maahan}{ vaatii koordinointia|}.",
        ),
        "sv": (
            "Goda praxis {borde|måste} {förankras|bli permanenta} {i kommunernas vardag|i "
            "grundarbetet|efter projekten}.",
            "{Alltför ofta|Ofta} tar {bra verksamhet|projektens resultat} slut när "
            "{finansieringen|projektet} tar slut.",
        ),
        "en": (
            "Good {practices|models} {should|must} be {rooted|made permanent|taken into everyday "
            "work}{ after projects end| in municipalities|}{, instead of always starting from "
            "scratch|}.",
            "{Too often|Often} {good work|good models|project results} {end|disappear} when "
            "{the funding|the project} ends.",
        ),
    },
    "co_development_networks": {
        "fi": (
            "{Yhteiskehittämistä|Yhteistä kehittämistä|Yhteistä suunnittelua} {tarvitaan|pitäisi "
            "olla} {enemmän|lisää}{ eri sektoreiden kesken| kuntien, järjestöjen ja yritysten "
            "kesken|}.",
            "{Verkostojen|Yhteisten verkostojen|Alueellisten verkostojen} {toimintaa|työtä} "
            "{pitäisi|voisi} {tiivistää|kehittää|selkiyttää}{, nyt verkostoja on liikaa ja "
            "päällekkäin| ja sopia yhteiset tavoitteet|}.",
            "{Yhteiset|Säännölliset} {työpajat|kehittämispäivät|tapaamiset} {eri toimijoiden|"
            "kuntien ja järjestöjen} kesken {olisivat|ovat} {hyödyllisiä|tarpeen|hyvä tapa "
            "kehittää yhteistyötä}.",
        ),
        "sv": (
            "Det behövs {mer samutveckling|mer gemensam planering} mellan {olika sektorer|"
            "kommuner, föreningar och företag}.",
            "{Nätverken|De regionala nätverken} borde {samordnas bättre|bli färre och tydligare}.",
        ),
        "en": (
            "We need {more co-development|more joint planning|more co-creation} between "
            "{sectors|municipalities, NGOs and companies|actors}.",
            "{Networks|Regional networks} should be {better coordinated|fewer and clearer|more "
            "goal-oriented}{, now there are too many overlapping ones|}.",
            "{Joint|Regular} {workshops|development days|meetings} between {actors|"
            "municipalities and NGOs} would be {useful|needed|a good way forward}.",
        ),
    },
    "regional_coordination": {
        "fi": (
            "{Alueellista koordinaatiota|ELY-keskuksen koordinoivaa roolia|Alueen yhteistä "
            "koordinointia} {pitäisi|tulisi} {vahvistaa|selkiyttää|parantaa}{, nyt jokainen tekee "
            "omiaan|, niin että kaikki tietävät kuka vastaa mistäkin|}.",
            "{Alueella|Maakunnassa|Meidän alueella} {tarvitaan|tarvittaisiin} {yksi taho|selkeä "
            "koordinaattori|yhteinen koordinaatio}, {joka|mikä} {kokoaa toimijat yhteen|pitää "
            "langat käsissä|vastaa yhteistyöstä}.",
            "{Kuntien|Alueen kuntien} välistä {yhteistyötä|koordinaatiota} {pitäisi|tulisi} "
            "{lisätä|parantaa}{, etenkin pienissä kunnissa|}.",
        ),
        "sv": (
            "NTM-centralens {samordnande roll|koordinering} borde {stärkas|bli tydligare}.",
            "I regionen behövs {en tydlig koordinator|gemensam samordning} som {samlar "
            "aktörerna|håller i trådarna}.",
        ),
        "en": (
            "{Regional coordination|The coordinating role of the ELY Centre} should be "
            "{strengthened|clarified|improved}{, now everyone does their own thing|}.",
            "{The region|Our area} needs {one clear coordinator|joint coordination} that {brings "
            "actors together|keeps the threads together|is responsible for cooperation}.",
        ),
    },
    # --- immigrants' participation ---------------------------------------------------------------
    "immigrant_associations": {
        "fi": (
            "{Tukemalla|Rahoittamalla|Vahvistamalla} {maahanmuuttajajärjestöjä|maahanmuuttajien "
            "omia yhdistyksiä|maahanmuuttajayhdistyksiä}{ ja ottamalla ne mukaan verkostoihin|"
            " pitkäjänteisesti|}.",
            "{Maahanmuuttajajärjestöjen|Maahanmuuttajien omien yhdistysten} {toimintaa|asemaa|"
            "resursseja} {pitää|pitäisi} {vahvistaa|tukea}{ kunnissa| myös rahallisesti|}.",
            "{Yhteistyön|Kumppanuuden} {maahanmuuttajayhdistysten|maahanmuuttajajärjestöjen} kanssa "
            "{pitäisi olla|tulisi olla} {tasavertaista|säännöllistä|luonteva osa työtä}.",
        ),
        "sv": (
            "Genom att {stödja|finansiera} {invandrarföreningar|invandrarnas egna föreningar}"
            "{ och ta med dem i nätverken|}.",
            "Invandrarföreningarnas {ställning|resurser} {måste|borde} stärkas.",
        ),
        "en": (
            "By {supporting|funding|strengthening} {immigrant associations|immigrants' own "
            "organisations|migrant-led NGOs}{ and including them in networks| in the long term|}.",
            "{Immigrant associations|Migrant organisations} need {more support|resources|a "
            "stronger role}{ in local cooperation|}.",
        ),
    },
    "plain_language": {
        "fi": (
            "{Selkokieli|Selkokielinen viestintä|Tulkkaus} ja {monikielinen viestintä|eri "
            "kielillä jaettu tieto} {auttaisivat|helpottaisivat} {osallistumista|mukaan "
            "tulemista}{ paljon| merkittävästi|}.",
            "{Tietoa pitää olla|Tietoa tulisi jakaa|Tiedon pitäisi olla saatavilla} "
            "{selkosuomeksi|eri kielillä|myös muilla kielillä kuin suomeksi}.",
            "Kielitaito ei saa olla {este|osallistumisen este}{, tulkkausta pitää käyttää "
            "rohkeammin|}.",
        ),
        "sv": (
            "Information {borde|måste} finnas {på lätt svenska|på flera språk|på klarspråk}.",
            "{Tolkning|Flerspråkig information} skulle {underlätta|göra det lättare att delta}.",
        ),
        "en": (
            "Information {should|must} be available {in plain language|in many languages|in "
            "English and other languages}{, not only in Finnish|}.",
            "{Interpretation|Multilingual information|Plain language} would {make it easier|help "
            "a lot} to take part.",
            "Language {should not|must not} be a barrier to {participation|taking part}.",
        ),
    },
    "experts_by_experience": {
        "fi": (
            "{Kokemusasiantuntijoita|Maahanmuuttaneita kokemusasiantuntijoita|Kehittäjäasiakkaita} "
            "{pitäisi hyödyntää|voisi käyttää|tarvitaan} {enemmän|palveluiden kehittämisessä|"
            "koulutuksissa}.",
            "{Asiakasraadit|Kehittäjäasiakasryhmät|Asukasraadit} ovat {toimiva|hyvä|hyväksi "
            "havaittu} tapa {kuulla|ottaa mukaan} maahanmuuttaneita.",
        ),
        "sv": (
            "{Erfarenhetsexperter|Invandrare som erfarenhetsexperter} borde {användas mer|"
            "involveras} i {utvecklingen av tjänster|utbildningarna}.",
        ),
        "en": (
            "{Experts by experience|Immigrants as experts by experience|Client developers} "
            "{should be used|could be used|are needed} {more|in developing services|in trainings}.",
            "{Client panels|Resident panels|Development groups} are a {good|working|proven} way "
            "to {hear|include} immigrants.",
        ),
    },
    "meeting_places": {
        "fi": (
            "{Matalan kynnyksen|Avoimia|Yhteisiä} {kohtaamispaikkoja|tapahtumia|tiloja}, "
            "{joissa|missä} {maahanmuuttaneet ja kantaväestö|uudet ja vanhat asukkaat|eri "
            "taustaiset ihmiset} {kohtaavat|voivat tutustua toisiinsa}.",
            "{Kohtaamisia|Yhteistä tekemistä|Tapahtumia} {pitäisi olla|tarvitaan} {enemmän|lisää}"
            "{ arjen tasolla| kirjastoissa ja kouluissa| asuinalueilla|}.",
        ),
        "sv": (
            "{Fler|Öppna} {mötesplatser|evenemang} där {invandrare och finländare|nya och gamla "
            "invånare} {möts|kan lära känna varandra}.",
        ),
        "en": (
            "{Low-threshold|Open|Shared} {meeting places|events|spaces} where {immigrants and "
            "Finns|newcomers and locals|people of different backgrounds} {meet|can get to know "
            "each other}.",
        ),
    },
    # --- free comments ----------------------------------------------------------------------------
    "thanks": {
        "fi": (
            "{Kiitos|Kiitoksia|Kiitos paljon} {kyselystä|mahdollisuudesta vastata|tärkeästä "
            "työstä}{ ja hyvää jatkoa| ja tsemppiä työhön| teille kaikille|}!",
            "{Hyvä|Tärkeää|Tosi hyvä} {että|kun} {tällainen kysely tehdään|asiaa selvitetään|"
            "meitä kuullaan}{, kiitos|}.",
        ),
        "sv": (
            "{Tack för enkäten|Tack för möjligheten att svara|Tack för ert viktiga arbete}"
            "{ och lycka till|}!",
            "Bra att {ni frågar|detta utreds|ni hör oss}.",
        ),
        "en": (
            "{Thank you|Thanks|Many thanks} {for the survey|for the chance to answer|for your "
            "important work}{ and good luck|}!",
            "{Good|Important} that {this survey is done|you ask us|this is studied}.",
        ),
    },
    "survey_feedback": {
        "fi": (
            "Kysely oli {liian pitkä|aika pitkä|vähän vaikea}{ ja osaan kysymyksistä oli vaikea "
            "vastata| pienen yhdistyksen näkökulmasta|}.",
            "{Osa kysymyksistä|Monet kysymykset} {oli|olivat} {vaikeita|vaikeasti "
            "ymmärrettäviä}{ pienelle toimijalle|, koska emme ole olleet mukana ohjelmassa|}.",
        ),
        "sv": (
            "Enkäten var {lite lång|för lång|svår att svara på}{ för en liten förening|}.",
            "Vissa frågor var {svåra att förstå|svåra att svara på}{ på svenska| eftersom "
            "översättningen var oklar|}.",
        ),
        "en": (
            "The survey was {quite long|too long|a bit difficult}{ for a small association| to "
            "answer in English|}.",
            "Some questions were {hard to understand|difficult to answer}{ because we are new in "
            "the programme| because the translation was unclear|}.",
        ),
    },
    "covid": {
        "fi": (
            "{Korona|Koronapandemia|Koronatilanne} {on vaikeuttanut|vaikeutti|hankaloitti} "
            "{yhteistyötä|kohtaamisia|toimintaa}{ paljon| merkittävästi|}{, kun kaikki siirtyi "
            "verkkoon|}.",
            "{Etäyhteydet|Teams-tapaamiset|Verkkotapaamiset} ovat {korvanneet|osittain "
            "korvanneet} {kasvokkaiset tapaamiset|lähitapaamiset}{ koronan takia|}.",
        ),
        "sv": (
            "{Coronan|Pandemin} har {försvårat|begränsat} {samarbetet|mötena|verksamheten}"
            "{ mycket|}.",
        ),
        "en": (
            "{Corona|The pandemic|COVID-19} has {made cooperation difficult|limited meetings|"
            "moved everything online}{ this year|}.",
        ),
    },
}

#: Short noun phrases for answers written as a list ("Tärkeimmät: uudet kontaktit ja ...").
SHORT_PHRASES: Bank = {
    "new_partners": {"fi": ("uudet kontaktit", "verkostoituminen", "uudet kumppanit",
                            "uusien yhteistyökumppaneiden löytäminen"),
                     "sv": ("nya kontakter", "nätverkande"),
                     "en": ("new contacts", "networking", "new partners")},
    "third_sector_authority": {"fi": ("yhteistyö viranomaisten kanssa", "järjestöjen ja "
                                      "viranomaisten yhteistyö", "yhteys kuntaan"),
                               "sv": ("samarbete med myndigheterna",),
                               "en": ("cooperation with authorities",)},
    "information_exchange": {"fi": ("tiedonvaihto", "ajankohtainen tieto", "tiedon jakaminen"),
                             "sv": ("informationsutbyte", "aktuell information"),
                             "en": ("information exchange", "up-to-date information")},
    "competence": {"fi": ("koulutukset", "osaamisen kehittäminen", "uusi osaaminen"),
                   "sv": ("utbildningar", "kompetens"),
                   "en": ("trainings", "new skills")},
    "good_practices": {"fi": ("hyvät käytännöt", "vinkit muilta", "toimivat mallit"),
                       "sv": ("goda exempel",), "en": ("good practices", "ideas from others")},
    "influence": {"fi": ("vaikuttamismahdollisuudet", "mahdollisuus vaikuttaa"),
                  "sv": ("möjlighet att påverka",), "en": ("a chance to influence",)},
    "structural_participation": {"fi": ("maahanmuuttaneet mukaan suunnitteluun",
                                        "osallisuuden rakenteet"),
                                 "sv": ("invandrare med i planeringen",),
                                 "en": ("immigrants involved in planning",)},
    "programme_information": {"fi": ("parempi tiedotus", "tietoa ohjelmasta"),
                              "sv": ("bättre information",), "en": ("better communication",)},
    "dialogue_authorities": {"fi": ("vuoropuhelu viranomaisten kanssa",
                                    "viranomaisten kuuleminen"),
                             "sv": ("dialog med myndigheterna",),
                             "en": ("dialogue with authorities",)},
    "resources_funding": {"fi": ("lisää resursseja", "pysyvä rahoitus"),
                          "sv": ("mer resurser",), "en": ("more resources", "stable funding")},
    "rooting_practices": {"fi": ("hyvien käytäntöjen juurruttaminen", "mallien vakiinnuttaminen"),
                          "sv": ("förankring av goda praxis",),
                          "en": ("rooting good practices",)},
    "co_development_networks": {"fi": ("yhteiskehittäminen", "verkostojen selkiyttäminen"),
                                "sv": ("samutveckling",), "en": ("co-development",)},
    "regional_coordination": {"fi": ("alueellinen koordinaatio", "selkeä koordinaattori alueelle"),
                              "sv": ("regional samordning",), "en": ("regional coordination",)},
}

LIST_LEADS: dict[str, tuple[str, ...]] = {
    "fi": ("Lähinnä ", "Tärkeimmät: ", "", "Meidän kannalta: ", "Ainakin "),
    "sv": ("Främst ", "", "Viktigast: "),
    "en": ("Mainly ", "", "Most important: "),
}
LIST_AND: dict[str, str] = {"fi": " ja ", "sv": " och ", "en": " and "}

OPENERS: dict[str, tuple[str, ...]] = {
    "fi": ("Hyvä kysymys.", "Vaikea sanoa lyhyesti.", "Muutama ajatus.",
           "Omasta näkökulmastani:", "Pienen yhdistyksen näkökulmasta:",
           "Kunnan näkökulmasta katsottuna näin.", "Olemme olleet mukana vasta vähän aikaa.",
           "Kokemusta on vielä vähän, mutta jotain kuitenkin.", "Lyhyesti:",
           "{Mielestäni|Minusta} {tärkeintä on tämä|asia on yksinkertainen}."),
    "sv": ("Bra fråga.", "Svårt att säga kort.", "Några tankar:", "Ur en liten förenings "
           "perspektiv:", "Kort sagt:"),
    "en": ("Good question.", "Hard to say briefly.", "A few thoughts:", "From a small NGO's "
           "point of view:", "In short:"),
}

CLOSERS: dict[str, tuple[str, ...]] = {
    "fi": ("Kiitos!", "Kiitos kyselystä.", "Hyvä että tätä kysytään.", "Jatketaan samaan "
           "malliin!", "Tsemppiä työhön!", ":)", "Siinä kai tärkeimmät.", "Tämä oli tärkein."),
    "sv": ("Tack!", "Tack för enkäten.", "Lycka till!", ":)"),
    "en": ("Thank you!", "Thanks.", "Keep up the good work!", ":)"),
}

#: Sentences that add detail without carrying a theme of their own.
ELABORATIONS: dict[str, tuple[str, ...]] = {
    "fi": (
        "Tämä näkyy erityisesti pienissä kunnissa.",
        "Näin ainakin {meidän alueella|meillä|meidän kunnassa|täällä}.",
        "{Tämä|Se} on {tärkeää|ratkaisevaa}, jotta {asiakkaat saavat parempaa palvelua|"
        "kotoutuminen nopeutuu|kukaan ei putoa väliin}.",
        "Asia on {noussut esiin|ollut esillä} {myös|usein} {työyhteisössämme|"
        "verkostotapaamisissa|asiakkaiden kanssa}.",
        "{Tilanne|Asia} vaihtelee {paljon|jonkin verran} {kunnittain|alueittain|toimijoittain}.",
        "{Työtä|Tekemistä} on {paljon|liikaa} ja {aikaa|resursseja} vähän.",
    ),
    "sv": (
        "Så är det åtminstone {hos oss|i vår region|i vår kommun}.",
        "Det {varierar|skiljer sig} mycket mellan {kommunerna|regionerna}.",
        "Det här är viktigt för att {kunderna ska få bättre service|ingen ska falla mellan "
        "stolarna}.",
    ),
    "en": (
        "At least this is how it is {in our region|for us|in our town}.",
        "It {varies|differs} a lot between {municipalities|regions}.",
        "This is important so that {clients get better services|nobody falls through the "
        "cracks}.",
    ),
}

#: Sentence-initial connectors; the following sentence keeps its word order.
CONNECTORS: dict[str, tuple[str, ...]] = {
    "fi": ("Lisäksi", "Myös", "Toisaalta", "Sen lisäksi", "Ja"),
    "sv": ("Och", "Men"),
    "en": ("Also,", "In addition,", "And", "On the other hand,"),
}

NON_ANSWERS: dict[str, tuple[str, ...]] = {
    "fi": ("eos", "en osaa sanoa", "-", "?", "ei kommentteja", "Ei ole.", "ei mitään", ".",
           "En osaa sanoa.", "ei tietoa", "Eos."),
    "sv": ("vet inte", "-", "?", "Inga kommentarer.", "inget att tillägga", "Vet ej."),
    "en": ("no comment", "-", "?", "n/a", "N/A", "Don't know.", "nothing to add"),
}

#: Invented people: (first name, surname, surname genitive, surname allative).
PERSONS: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "fi": (("Mikko", "Virtanen", "Virtasen", "Virtaselle"),
           ("Anna", "Korhonen", "Korhosen", "Korhoselle"),
           ("Sari", "Mäkinen", "Mäkisen", "Mäkiselle"),
           ("Juha", "Nieminen", "Niemisen", "Niemiselle"),
           ("Leena", "Hämäläinen", "Hämäläisen", "Hämäläiselle"),
           ("Pekka", "Laine", "Laineen", "Laineelle"),
           ("Tiina", "Heikkinen", "Heikkisen", "Heikkiselle"),
           ("Jari", "Koskinen", "Koskisen", "Koskiselle")),
    "sv": (("Anna", "Lindqvist", "Lindqvists", "Lindqvist"),
           ("Johan", "Nyberg", "Nybergs", "Nyberg"),
           ("Maria", "Sjöholm", "Sjöholms", "Sjöholm")),
    "en": (("Amina", "Hassan", "Hassan's", "Hassan"),
           ("Maria", "Petrova", "Petrova's", "Petrova"),
           ("John", "Smith", "Smith's", "Smith")),
}

EMAIL_DOMAINS: tuple[str, ...] = ("esimerkki.fi", "example.org", "yhdistys.example",
                                  "kunta.example", "mail.example")

#: Placeholders: <first>, <last>, <last_gen>, <last_all>, <email>, <phone>.
PERSONAL_DATA_TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "name": {
        "fi": ("{Iso kiitos|Kiitos erityisesti|Kiitos} <first> <last_all> {hyvästä koulutuksesta|"
               "avusta|hyvästä yhteistyöstä}!",
               "Yhteistyö <first> <last_gen> kanssa {on sujunut hyvin|on ollut antoisaa}.",
               "Lisätietoja antaa <first> <last>{, hän tietää asiasta enemmän|}."),
        "sv": ("Tack till <first> <last_all> för {utbildningen|hjälpen}!",
               "Fråga gärna <first> <last>, som vet mer."),
        "en": ("Special thanks to <first> <last_all> for the {training|help}!",
               "Please ask <first> <last>, who knows more about this."),
    },
    "email": {
        "fi": ("Lisätietoja: <email>", "Voitte laittaa viestiä osoitteeseen <email>.",
               "Minuun saa yhteyden sähköpostilla <email>"),
        "sv": ("Kontakta mig gärna: <email>",),
        "en": ("Feel free to contact me at <email>.", "My email is <email>"),
    },
    "phone": {
        "fi": ("Minut tavoittaa numerosta <phone>.", "Soittakaa {vaikka|} <phone>, jos haluatte "
               "kuulla lisää.", "p. <phone>"),
        "sv": ("Ring {gärna|} <phone> om ni vill veta mer.",),
        "en": ("You can reach me on <phone>.", "Call me: <phone>"),
    },
}

#: Spoken Finnish forms for the colloquial style (formal, colloquial).
COLLOQUIAL_FI: tuple[tuple[str, str], ...] = (
    ("pitäisi", "pitäis"), ("olisi ", "ois "), ("tulisi", "tulis"), ("voisi", "vois"),
    ("olisivat", "olis"), ("todella", "tosi"), ("Olemme saaneet", "Ollaan saatu"),
    ("olemme saaneet", "ollaan saatu"), ("Meidän", "Meiän"), ("kanssa", "kans"),
)
