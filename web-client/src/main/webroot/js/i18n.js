// Every word the app shows, in Dutch (the default) and English. Pages mark static text with
// data-i18n="key" (text) or data-i18n-attr="attr:key;attr:key" (attributes); code calls t(key, vars).
// Deck texts ({nl, en}) go through tx(). check() lists any key missing in a language.

const LANG_KEY = 'factorspel.lang';
export const LANGUAGES = ['nl', 'en'];

const nl = {
  'common.home': 'Naar de startpagina',
  'common.close': 'Sluiten',
  'common.loading': 'Laden…',
  'common.retry': 'Opnieuw proberen',
  'common.errorTitle': 'Er ging iets mis',
  'common.loadFailed': 'De workshop kon niet worden geladen. Controleer de verbinding met de server en probeer het opnieuw.',
  'common.skipToBoard': 'Naar het bord',

  'lang.label': 'Taal',
  'lang.nl': 'Nederlands',
  'lang.en': 'Engels',
  'lang.switchTo.nl': 'Nederlands',
  'lang.switchTo.en': 'English (Engels)',

  'connection.online': 'Verbonden',
  'connection.offline': 'Verbinding weg',
  'connection.connecting': 'Verbinden…',
  'connection.online.hint': 'Je ziet live wat de anderen doen.',
  'connection.offline.hint': 'Geen verbinding met de server. We proberen het steeds opnieuw en halen daarna alles in.',
  'connection.connecting.hint': 'Bezig met verbinden met de server.',
  'connection.back': 'Weer verbonden: alles is bijgewerkt.',

  'sound.on': 'Fluitje: aan',
  'sound.off': 'Fluitje: uit',
  'sound.hint': 'Het fluitje klinkt als de tijd om is.',
  'sound.blocked': 'Het fluitje kon niet klinken: klik eerst één keer op de pagina.',

  'phase.lobby': 'Voorbereiding',
  'phase.round': 'Spelronde',
  'phase.plenary': 'Plenaire terugkoppeling',
  'phase.discussion': 'Tafelgesprek (deel 3)',
  'phase.closed': 'Afgesloten',

  'seat.interviewer': 'Interviewer',
  'seat.respondent': 'Respondent',
  'seat.respondent1': 'Respondent 1',
  'seat.respondent2': 'Respondent 2',
  'seat.reporter': 'Rapporteur',
  'seat.observer': 'Observant',
  'seat.shared': 'Gedeelde laptop',
  'seat.facilitator': 'Facilitator',
  'seat.projector': 'Projectiescherm',
  'seat.system': 'De server',
  'seatShort.interviewer': 'Int.',
  'seatShort.respondent1': 'Resp. 1',
  'seatShort.respondent2': 'Resp. 2',
  'seatShort.reporter': 'Rapp.',
  'seatShort.observer': 'Obs.',
  'seatShort.shared': 'Gedeeld',

  'side.stimulating': 'Stimuleert',
  'side.hindering': 'Beperkt',

  'status.label': 'Stand van de workshop',
  'status.phase': 'Fase',
  'status.round': 'Ronde',
  'status.respondent': 'Respondent',
  'status.question': 'Vraag',
  'status.roundOf': 'Ronde {round} van {rounds}',
  'status.noRound': 'Nog niet begonnen',

  'clock.aria.idle': 'De klok loopt niet',
  'clock.aria.running': 'Nog {time} in deze ronde',
  'clock.aria.paused': 'Klok gepauzeerd op {time}',
  'clock.aria.expired': 'De tijd is om',

  'broadcast.label': 'Bericht',
  'broadcast.toast': 'Bericht van de facilitator: {text}',

  'banner.lobby': 'Welkom aan tafel. De facilitator start zo de eerste ronde; bekijk intussen de kaarten.',
  'banner.betweenRounds': 'De ronde is voorbij. Het bord is bewaard als foto; ronde {next} begint met alle kaarten terug in de bak.',
  'banner.roundsDone': 'Alle rondes zijn gespeeld. Kies hieronder een profiel en de opbrengsten, en wacht op de plenaire terugkoppeling.',
  'banner.plenary': 'Plenaire terugkoppeling: kijk mee op het grote scherm.',
  'banner.discussion': 'Tafelgesprek (deel 3): wat moeten we afleren, behouden en versterken? De rapporteur schrijft de antwoorden op.',
  'banner.closed': 'De workshop is afgesloten. Dank voor het meedoen! Alles blijft hier te lezen.',

  'table.pageTitle': 'Factorspel · tafel',
  'table.name': 'Tafel {table}',
  'table.noSeatTitle': 'Je hebt nog geen plek aan tafel',
  'table.noSeat': 'Deze browser heeft geen plek aan deze workshop. Doe mee met de code van de facilitator.',
  'table.tokenRefused': 'Je plek aan deze workshop is niet (meer) geldig. Doe opnieuw mee met de code van de facilitator.',
  'table.toJoin': 'Meedoen',

  'board.label': 'Speelbord',
  'board.picture': 'Het speelbord',
  'board.position': '{side}, sterkte {strength} ({extent}), hoogte {height}',
  'board.roundOver': 'De ronde is voorbij',
  'board.whistle': 'Fluitsignaal: de tijd is om',
  'board.roundOverHint': 'Het bord wordt bewaard als foto van deze ronde.',
  'board.emptyBeforeRound': 'Het bord is nog leeg. Zodra de facilitator de ronde start, leg je hier de kaarten.',
  'board.emptyCanLay': 'Sleep een kaart uit de bak naar het bord: links wat stimuleerde, rechts wat beperkte. Hoe verder naar de rand, hoe groter de invloed.',
  'board.emptyWatch': 'De respondent legt zo de eerste kaart.',

  'placement.aria': 'Kaart {number}: {card}. {position}. Gelegd door {who}.',
  'placement.ariaExplained': 'Met toelichting.',
  'placement.ariaKeys': 'Enter opent, pijltjes verplaatsen, Delete legt terug in de bak.',
  'placement.placedBy': 'gelegd door {who}',
  'placement.explained': 'Toegelicht',
  'placement.annotations': 'Aantekeningen van de observant',

  'tray.title': 'Kaartenbak',
  'tray.hint': 'Sleep een kaart naar het bord, of kies er een met Enter en zet hem neer met de pijltjes.',
  'tray.left': '{left} over',
  'tray.cardAria': '{card}, {category}. Nog {left} van {total} in de bak.',
  'tray.noneLeft': 'Beide kaarten van deze factor liggen al op het bord.',

  'keys.title': 'Met het toetsenbord',
  'keys.select': 'Tab naar een kaart in de bak en kies hem met Enter of spatie.',
  'keys.arrows': 'Pijl links en rechts: langs de as van stimuleert naar beperkt, 0,1 per stap (met Shift fijner).',
  'keys.updown': 'Pijl omhoog en omlaag: hoger of lager op het bord.',
  'keys.enter': 'Enter: neerleggen. Op een gelegde kaart opent Enter de toelichting.',
  'keys.escape': 'Escape: loslaten zonder neer te leggen.',
  'keys.delete': 'Delete op een gelegde kaart: terug in de bak.',
  'keys.drag': 'Met muis of vinger: slepen, of tik een kaart en daarna een plek op het bord.',
  'keys.selected': '{card} gekozen. Nu: {position}. Pijltjes verplaatsen, Enter legt neer, Escape annuleert.',
  'keys.cancelled': 'Geannuleerd.',

  'why.closed': 'De workshop is afgesloten.',
  'why.noRound': 'Er is nog geen ronde gestart: wacht op de facilitator.',
  'why.roundOver': 'De ronde is voorbij; het bord ligt vast als foto.',
  'why.notYourRound': 'In deze ronde vertelt de andere respondent; de interviewer of die respondent legt de kaarten.',
  'why.role': 'In jouw rol leg je geen kaarten; dat doen de respondent en de interviewer.',

  'announce.placed': '{who} legde {card}: {position}.',
  'announce.moved': '{who} verschoof {card}: {position}.',
  'announce.removed': '{who} legde een kaart terug in de bak.',
  'announce.placedSelf': '{card} gelegd: {position}.',
  'announce.movedSelf': 'Verplaatst: {position}.',
  'announce.removedSelf': 'Kaart terug in de bak.',
  'announce.roundStarted': 'Ronde {round} is begonnen.',
  'announce.phase': 'Nieuwe fase: {phase}.',
  'announce.seatChanged': 'Je zit nu aan tafel {table} als {seat}.',

  'link.start': 'Verband leggen',
  'link.stop': 'Stop met verbinden',
  'link.on': 'Verbinden aan: kies twee kaarten.',
  'link.off': 'Verbinden uit.',
  'link.pickFirst': 'Klik de eerste kaart van het verband.',
  'link.pickSecond': 'Klik nu de tweede kaart.',
  'link.made': 'Verband gelegd.',
  'link.labelPlaceholder': 'Wat verbindt ze? (optioneel)',
  'link.labelAria': 'Omschrijving van het verband',
  'undo.button': 'Laatste kaart terug',

  'detail.title': 'Kaart {number}',
  'detail.placedBy': 'Gelegd door',
  'detail.order': 'Volgorde',
  'detail.orderValue': '{number}e kaart van deze ronde',
  'detail.at': 'Tijd',
  'detail.position': 'Ligt op',
  'detail.explanation': 'Waarom deze kaart?',
  'detail.explanationPlaceholder': 'Licht toe waarom deze factor ertoe doet, en in welke mate.',
  'detail.save': 'Toelichting opslaan',
  'detail.link': 'Verbinden met…',
  'detail.remove': 'Terug in de bak',
  'detail.links': 'Verbanden',
  'detail.unlink': 'weghalen',
  'detail.unlinkAria': 'Verband met {card} weghalen',
  'detail.annotations': 'Aantekeningen van de observant',

  'save.saving': 'Opslaan…',
  'save.saved': 'Opgeslagen',
  'save.failed': 'Niet opgeslagen',

  'script.title': 'Interviewscript',
  'script.hint': 'Klik een vraag om hem voor de hele tafel te markeren.',
  'script.waiting': 'Het script begint zodra de ronde start.',
  'script.prev': '← Vorige',
  'script.next': 'Volgende →',
  'script.prevAria': 'Vorige vraag',
  'script.nextAria': 'Volgende vraag',
  'script.goTo': 'Ga naar vraag {number}: {text}',
  'script.askedBy': 'vraag aan: {role}',

  'notes.title': 'Verslag',
  'notes.titleRound': 'Verslag van ronde {round}',
  'notes.hint': 'Schrijf per vraag op wat er gezegd wordt; het wordt vanzelf bewaard.',
  'notes.waiting': 'Het verslag begint zodra de ronde start.',
  'notes.fieldAria': 'Verslag bij vraag {number}',

  'observer.title': 'Observatie',
  'observer.hint': 'Schrijf aantekeningen bij het bord of bij één kaart.',
  'observer.waiting': 'De observatie begint zodra de ronde start.',
  'observer.target': 'Aantekening bij',
  'observer.text': 'Aantekening',
  'observer.placeholder': 'Wat zie je gebeuren?',
  'observer.add': 'Aantekening toevoegen',
  'observer.wholeBoard': 'Het hele bord',
  'observer.onBoard': 'Bij het bord',
  'observer.onCard': 'Bij {card}',
  'observer.reflection': 'Reflectie: wat kunnen we leren uit dit interview?',
  'observer.reflectionPlaceholder': 'Vraag 7 is voor jou: wat valt op, wat kunnen we hiervan leren?',
  'observer.reflectionSave': 'Reflectie opslaan',

  'profile.title': 'Wat werkt voor wie?',
  'profile.hint': 'Na het interview: in welk profiel past deze persoon? Kies A, B of C.',
  'profile.hintReadOnly': 'De interviewer of respondent kiest het profiel; klik om een profiel te bekijken.',
  'profile.choose': 'Profiel {id}: {label}',
  'profile.none': 'Nog geen profiel gekozen.',
  'profile.worksWell': 'Werkt goed',
  'profile.worksLess': 'Werkt minder',
  'profile.preview': 'Je bekijkt dit profiel; het is niet gekozen.',
  'outcomes.title': 'Opbrengsten',
  'outcomes.hint': 'Wat heeft het leren opgeleverd? Kies de kaartjes die passen.',

  'discussion.title': 'Tafelgesprek (deel 3)',
  'discussion.hint': 'Schrijf de antwoorden van de tafel op; ze worden vanzelf bewaard.',
  'discussion.hintReadOnly': 'De rapporteur schrijft de antwoorden van de tafel op.',

  'people.title': 'Aan deze tafel',
  'people.free': 'vrij',
  'people.you': 'jij',
  'people.online': 'online',
  'people.offline': 'niet online',
  'people.unknown': 'onbekend',
  'people.claim': 'Andere stoel nemen',
  'people.claimApply': 'Wissel',

  'rolehelp.title': 'Jij bent {seat}',
  'rolehelp.respondent1': 'Jij vertelt het verhaal in ronde 1: denk aan iemand die recent groeide in leren en ontwikkeling. Kies kaarten, leg ze op het bord en licht ze toe. In ronde 2 luister je mee.',
  'rolehelp.respondent2': 'Jij vertelt het verhaal in ronde 2: denk aan iemand die recent groeide in leren en ontwikkeling. Kies kaarten, leg ze op het bord en licht ze toe. In ronde 1 luister je mee.',

  'photos.title': 'Foto’s van het bord',
  'photos.caption': 'Ronde {round} · tafel {table} · {count} kaarten',
  'photos.save': 'Foto opslaan',

  'plenary.title': 'Plenaire samenvatting',
  'plenary.refresh': 'Vernieuwen',
  'plenary.empty': 'Nog geen kaarten gelegd aan de tafels.',
  'plenary.aria': 'Factoren over alle tafels: links hoe vaak stimulerend, rechts hoe vaak beperkend',
  'plenary.rowAria': '{card}: {stimulating} keer stimulerend, {hindering} keer beperkend',
  'plenary.barTitle': '{count} keer, gemiddelde sterkte {strength}',
  'plenary.barCount': '{count} keer',
  'plenary.tables': 'over {count} tafels',
  'plenary.laidFirst': 'Het vaakst als eerste gelegd',
  'plenary.links': 'Verbanden die vaak gelegd werden',

  'home.pageTitle': 'Factorspel',
  'home.title': 'Het kaartspel voor je workshop, aan elke tafel live',
  'home.intro': 'Deelnemers leggen factorkaarten op het bord: links wat leren stimuleerde, rechts wat het beperkte. Jij ziet alle tafels tegelijk, en niets gaat verloren.',
  'home.create.title': 'Workshop maken',
  'home.create.titleLabel': 'Titel',
  'home.create.titlePlaceholder': 'Bijvoorbeeld: Leren in de buitendienst, 24 november',
  'home.create.deck': 'Kaartspel',
  'home.create.deckFacts': '{factors} factoren, {cards} kaarten',
  'home.create.tables': 'Aantal tafels',
  'home.create.minutes': 'Minuten per ronde',
  'home.create.language': 'Taal van de workshop',
  'home.create.submit': 'Workshop maken',
  'home.create.needTitle': 'Geef de workshop een titel.',
  'home.create.needTables': 'Vul het aantal tafels in (minstens 1).',
  'home.create.needMinutes': 'Vul de minuten per ronde in (minstens 1).',
  'home.join.title': 'Meedoen',
  'home.join.intro': 'Heb je een code van de facilitator? Vul hem in en neem plaats aan je tafel.',
  'home.join.submit': 'Meedoen',
  'home.recent.title': 'Workshops die je hier maakte',

  'join.pageTitle': 'Factorspel · meedoen',
  'join.title': 'Neem plaats aan je tafel',
  'join.intro': 'Vul de code in die de facilitator laat zien, en je naam. Kies een rol, of laat de eerste vrije stoel voor je kiezen.',
  'join.code': 'Code',
  'join.name': 'Je naam',
  'join.table': 'Tafel (optioneel)',
  'join.tableAny': 'De rustigste tafel',
  'join.role': 'Rol',
  'join.role.any': 'Eerste vrije stoel',
  'join.role.interviewer': 'Interviewer (vraagt)',
  'join.role.respondent': 'Respondent (deelt)',
  'join.role.reporter': 'Rapporteur (legt verslag)',
  'join.role.observer': 'Observant (reflecteert)',
  'join.role.shared': 'Gedeelde laptop (hele tafel)',
  'join.submit': 'Aan tafel',
  'join.continue': 'Verder in dezelfde stoel',
  'join.already': 'Je zit al bij “{title}”: {name}, tafel {table}, {seat}.',
  'join.needCode': 'Vul de code van de workshop in.',
  'join.needName': 'Vul je naam in.',

  'fac.pageTitle': 'Factorspel · facilitator',
  'fac.badge': 'Facilitator',
  'fac.noTokenTitle': 'Geen toegang als facilitator',
  'fac.noToken': 'Open de geheime facilitatorlink die je kreeg toen je de workshop maakte.',
  'fac.tokenRefused': 'Deze link geeft geen toegang (meer) tot de console van deze workshop.',
  'fac.join.title': 'Meedoen',
  'fac.join.code': 'Code',
  'fac.join.qrFor': 'QR-code voor',
  'fac.join.qrAll': 'alle tafels',
  'fac.join.qrAlt': 'QR-code van de link om mee te doen: {link}',
  'fac.projector': 'Projectiescherm:',
  'fac.projectorOpen': 'open het projectiescherm',
  'fac.projectorUnknown': 'alleen bekend in de browser waarin de workshop is gemaakt',
  'fac.secret': 'Bewaar deze pagina: de link is je sleutel.',
  'fac.clock.title': 'Klok en rondes',
  'fac.clock.start': 'Start ronde {round}',
  'fac.clock.allPlayed': 'Alle rondes gespeeld',
  'fac.clock.pause': 'Pauzeer',
  'fac.clock.resume': 'Hervat',
  'fac.clock.end': 'Beëindig ronde',
  'fac.clock.extendBy': 'Seconden erbij',
  'fac.clock.extend': 'Verleng',
  'fac.clock.extended': 'Klok aangepast met {seconds} seconden.',
  'fac.roundEnded': 'afgelopen',
  'fac.phase.label': 'Naar fase',
  'fac.phase.apply': 'Toepassen',
  'fac.broadcast.title': 'Bericht aan iedereen',
  'fac.broadcast.placeholder': 'Bijvoorbeeld: nog vijf minuten!',
  'fac.broadcast.send': 'Verstuur',
  'fac.broadcast.sent': 'Bericht verstuurd.',
  'fac.tables.title': 'Tafels',
  'fac.mini.waiting': 'wacht op de eerste ronde',
  'fac.mini.playing': 'ronde {round} loopt',
  'fac.mini.ended': 'ronde {round} voorbij',
  'fac.mini.open': 'Openen',
  'fac.mini.openAria': 'Open tafel {table} op volle grootte',
  'fac.mini.question': 'vraag {number}',
  'fac.mini.noQuestion': 'nog geen vraag',
  'fac.mini.cards': '{count} kaarten',
  'fac.mini.profile': 'profiel {id}',
  'fac.participants.title': 'Deelnemers en stoelen',
  'fac.participants.hint': 'Kies een andere tafel of stoel; wie al op die stoel zit aan dezelfde tafel, ruilt mee.',
  'fac.participants.name': 'Naam',
  'fac.participants.table': 'Tafel',
  'fac.participants.seat': 'Stoel',
  'fac.participants.online': 'Online',
  'fac.participants.none': 'Nog niemand heeft zich aangemeld.',
  'fac.participants.tableAria': 'Tafel van {name}',
  'fac.participants.seatAria': 'Stoel van {name}',
  'fac.participants.moved': 'Stoel aangepast.',
  'fac.exports.title': 'Exporteren',
  'fac.exports.hint': 'Alles wat de tafels deden, voor het verslag en de analyse.',
  'fac.exports.pseudonymise': 'Zonder namen',
  'fac.exports.pdf': 'PDF-verslag',
  'fac.exports.csv': 'CSV (zip)',
  'fac.exports.json': 'JSON-archief',
  'fac.exports.done': '{file} is gedownload.',

  'proj.pageTitle': 'Factorspel · projectie',
  'proj.join': 'Doe mee',
  'proj.clock': 'Klok',
  'proj.notStarted': 'We beginnen zo',
  'proj.progress': 'Aan de tafels',
  'proj.sound': 'Klik één keer op dit scherm, dan klinkt het fluitje ook hier.',
  'proj.noTokenTitle': 'Geen projectielink',
  'proj.noToken': 'Open het projectiescherm via de link in de console van de facilitator.',
  'proj.tokenRefused': 'Deze projectielink geeft geen toegang (meer).',

  'error.unknown': 'Dat lukte niet.',
  'error.offline': 'Geen verbinding met de server; probeer het zo opnieuw.',
  'error.timeout': 'De server antwoordde niet op tijd; probeer het opnieuw.',
  'error.access_denied': 'Geen toegang tot dit deel van de workshop.',
  'error.internal': 'De server kon dit niet bewaren; probeer het opnieuw.',
  'error.bad_command': 'Dat verzoek begrijpt de server niet.',
  'error.unknown_command': 'Dat verzoek kent de server niet.',
  'error.bad_value': 'Een van de waarden klopt niet.',
  'error.text_too_long': 'De tekst is te lang.',
  'error.empty_text': 'De tekst is leeg.',
  'error.too_many': 'Er kunnen er niet meer bij.',
  'error.too_large': 'Het bericht is te groot.',
  'error.rate_limited': 'Even rustig aan: te veel verzoeken achter elkaar.',
  'error.no_token': 'Je hebt geen toegangssleutel voor deze workshop.',
  'error.unknown_token': 'Je toegangssleutel is onbekend.',
  'error.token_expired': 'Je toegangssleutel is verlopen.',
  'error.not_allowed': 'Dat mag in jouw rol niet.',
  'error.wrong_table': 'Dat kan alleen aan je eigen tafel.',
  'error.wrong_workshop': 'Deze sleutel hoort bij een andere workshop.',
  'error.unknown_workshop': 'Deze workshop bestaat niet (meer).',
  'error.unknown_join_code': 'Er is geen workshop met deze code. Kijk nog eens naar het scherm.',
  'error.unknown_deck': 'Dit kaartspel bestaat niet op de server.',
  'error.unknown_table': 'Die tafel bestaat niet.',
  'error.unknown_participant': 'Die deelnemer is er niet (meer).',
  'error.unknown_card': 'Die kaart zit niet in dit spel.',
  'error.unknown_copy': 'Die kaart bestaat niet.',
  'error.copy_on_board': 'Die kaart ligt al op het bord.',
  'error.no_copy_left': 'Beide kaarten van deze factor liggen al op het bord.',
  'error.unknown_placement': 'Die kaart ligt niet (meer) op het bord.',
  'error.unknown_link': 'Dat verband bestaat niet (meer).',
  'error.same_card': 'Een kaart kan niet met zichzelf verbonden worden.',
  'error.already_linked': 'Deze twee kaarten zijn al verbonden.',
  'error.nothing_to_undo': 'Er ligt geen kaart van jou op het bord.',
  'error.unknown_question': 'Die vraag staat niet in het script.',
  'error.unknown_profile': 'Dat profiel bestaat niet.',
  'error.unknown_outcome': 'Dat opbrengstkaartje bestaat niet.',
  'error.unknown_prompt': 'Die gespreksvraag bestaat niet.',
  'error.no_round': 'Er is nog geen ronde gestart.',
  'error.round_not_open': 'De ronde loopt niet: het bord ligt vast.',
  'error.round_open': 'Er loopt nog een ronde; beëindig die eerst.',
  'error.bad_round': 'Dat is niet de volgende ronde, of alle rondes zijn gespeeld.',
  'error.bad_phase': 'Dat kan niet in deze fase van de workshop.',
  'error.clock_not_running': 'De klok loopt niet.',
  'error.clock_not_paused': 'De klok staat niet op pauze.',
  'error.clock_not_expired': 'De tijd is nog niet om.',
  'error.seat_taken': 'Die stoel is al bezet.',
  'error.table_full': 'Die tafel is vol.',
  'error.already_seated': 'Op die stoel zit je al.',
  'error.workshop_closed': 'De workshop is afgesloten; er kan niets meer veranderen.',
  'error.workshop_exists': 'Deze workshop bestaat al.',
  'error.too_many_workshops': 'De server heeft al het maximale aantal workshops.',
};

const en = {
  'common.home': 'To the start page',
  'common.close': 'Close',
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.errorTitle': 'Something went wrong',
  'common.loadFailed': 'The workshop could not be loaded. Check the connection to the server and try again.',
  'common.skipToBoard': 'Skip to the board',

  'lang.label': 'Language',
  'lang.nl': 'Dutch',
  'lang.en': 'English',
  'lang.switchTo.nl': 'Nederlands (Dutch)',
  'lang.switchTo.en': 'English',

  'connection.online': 'Connected',
  'connection.offline': 'Connection lost',
  'connection.connecting': 'Connecting…',
  'connection.online.hint': 'You see live what the others do.',
  'connection.offline.hint': 'No connection to the server. We keep trying, and catch up on everything afterwards.',
  'connection.connecting.hint': 'Connecting to the server.',
  'connection.back': 'Connected again: everything is up to date.',

  'sound.on': 'Whistle: on',
  'sound.off': 'Whistle: off',
  'sound.hint': 'The whistle sounds when time is up.',
  'sound.blocked': 'The whistle could not sound: click the page once first.',

  'phase.lobby': 'Getting ready',
  'phase.round': 'Playing round',
  'phase.plenary': 'Plenary feedback',
  'phase.discussion': 'Table talk (part 3)',
  'phase.closed': 'Closed',

  'seat.interviewer': 'Interviewer',
  'seat.respondent': 'Respondent',
  'seat.respondent1': 'Respondent 1',
  'seat.respondent2': 'Respondent 2',
  'seat.reporter': 'Reporter',
  'seat.observer': 'Observer',
  'seat.shared': 'Shared laptop',
  'seat.facilitator': 'Facilitator',
  'seat.projector': 'Projector screen',
  'seat.system': 'The server',
  'seatShort.interviewer': 'Int.',
  'seatShort.respondent1': 'Resp. 1',
  'seatShort.respondent2': 'Resp. 2',
  'seatShort.reporter': 'Rep.',
  'seatShort.observer': 'Obs.',
  'seatShort.shared': 'Shared',

  'side.stimulating': 'Stimulates',
  'side.hindering': 'Limits',

  'status.label': 'State of the workshop',
  'status.phase': 'Phase',
  'status.round': 'Round',
  'status.respondent': 'Respondent',
  'status.question': 'Question',
  'status.roundOf': 'Round {round} of {rounds}',
  'status.noRound': 'Not started yet',

  'clock.aria.idle': 'The clock is not running',
  'clock.aria.running': '{time} left in this round',
  'clock.aria.paused': 'Clock paused at {time}',
  'clock.aria.expired': 'Time is up',

  'broadcast.label': 'Message',
  'broadcast.toast': 'Message from the facilitator: {text}',

  'banner.lobby': 'Welcome to the table. The facilitator will start the first round soon; have a look at the cards meanwhile.',
  'banner.betweenRounds': 'The round is over. The board is kept as a photo; round {next} starts with all cards back in the tray.',
  'banner.roundsDone': 'All rounds have been played. Choose a profile and the outcomes below, and wait for the plenary feedback.',
  'banner.plenary': 'Plenary feedback: watch the big screen.',
  'banner.discussion': 'Table talk (part 3): what should we unlearn, keep and strengthen? The reporter writes down the answers.',
  'banner.closed': 'The workshop is closed. Thank you for taking part! Everything stays readable here.',

  'table.pageTitle': 'Factorspel · table',
  'table.name': 'Table {table}',
  'table.noSeatTitle': 'You have no seat at a table yet',
  'table.noSeat': 'This browser has no seat in this workshop. Join with the facilitator’s code.',
  'table.tokenRefused': 'Your seat in this workshop is not (or no longer) valid. Join again with the facilitator’s code.',
  'table.toJoin': 'Join',

  'board.label': 'Game board',
  'board.picture': 'The game board',
  'board.position': '{side}, strength {strength} ({extent}), height {height}',
  'board.roundOver': 'The round is over',
  'board.whistle': 'Whistle: time is up',
  'board.roundOverHint': 'The board is kept as this round’s photo.',
  'board.emptyBeforeRound': 'The board is still empty. As soon as the facilitator starts the round, the cards go here.',
  'board.emptyCanLay': 'Drag a card from the tray onto the board: what stimulated on the left, what limited on the right. The closer to the edge, the larger the influence.',
  'board.emptyWatch': 'The respondent will lay the first card soon.',

  'placement.aria': 'Card {number}: {card}. {position}. Placed by {who}.',
  'placement.ariaExplained': 'Explained.',
  'placement.ariaKeys': 'Enter opens, arrows move, Delete puts it back in the tray.',
  'placement.placedBy': 'placed by {who}',
  'placement.explained': 'Explained',
  'placement.annotations': 'The observer’s annotations',

  'tray.title': 'Card tray',
  'tray.hint': 'Drag a card onto the board, or pick one with Enter and put it down with the arrow keys.',
  'tray.left': '{left} left',
  'tray.cardAria': '{card}, {category}. {left} of {total} left in the tray.',
  'tray.noneLeft': 'Both cards of this factor are already on the board.',

  'keys.title': 'With the keyboard',
  'keys.select': 'Tab to a card in the tray and pick it with Enter or Space.',
  'keys.arrows': 'Left and right arrows: along the axis from stimulates to limits, 0.1 per step (finer with Shift).',
  'keys.updown': 'Up and down arrows: higher or lower on the board.',
  'keys.enter': 'Enter: put it down. On a placed card, Enter opens its explanation.',
  'keys.escape': 'Escape: let go without putting it down.',
  'keys.delete': 'Delete on a placed card: back into the tray.',
  'keys.drag': 'With mouse or finger: drag, or tap a card and then a spot on the board.',
  'keys.selected': '{card} picked. Now: {position}. Arrows move it, Enter puts it down, Escape cancels.',
  'keys.cancelled': 'Cancelled.',

  'why.closed': 'The workshop is closed.',
  'why.noRound': 'No round has started yet: wait for the facilitator.',
  'why.roundOver': 'The round is over; the board is kept as a photo.',
  'why.notYourRound': 'In this round the other respondent tells the story; the interviewer or that respondent lays the cards.',
  'why.role': 'In your role you do not lay cards; the respondent and the interviewer do.',

  'announce.placed': '{who} placed {card}: {position}.',
  'announce.moved': '{who} moved {card}: {position}.',
  'announce.removed': '{who} put a card back in the tray.',
  'announce.placedSelf': '{card} placed: {position}.',
  'announce.movedSelf': 'Moved: {position}.',
  'announce.removedSelf': 'Card back in the tray.',
  'announce.roundStarted': 'Round {round} has started.',
  'announce.phase': 'New phase: {phase}.',
  'announce.seatChanged': 'You now sit at table {table} as {seat}.',

  'link.start': 'Link cards',
  'link.stop': 'Stop linking',
  'link.on': 'Linking on: pick two cards.',
  'link.off': 'Linking off.',
  'link.pickFirst': 'Click the first card of the link.',
  'link.pickSecond': 'Now click the second card.',
  'link.made': 'Link made.',
  'link.labelPlaceholder': 'What connects them? (optional)',
  'link.labelAria': 'Description of the link',
  'undo.button': 'Take back my last card',

  'detail.title': 'Card {number}',
  'detail.placedBy': 'Placed by',
  'detail.order': 'Order',
  'detail.orderValue': 'card number {number} of this round',
  'detail.at': 'Time',
  'detail.position': 'Lies at',
  'detail.explanation': 'Why this card?',
  'detail.explanationPlaceholder': 'Explain why this factor matters, and to what extent.',
  'detail.save': 'Save explanation',
  'detail.link': 'Link with…',
  'detail.remove': 'Back into the tray',
  'detail.links': 'Links',
  'detail.unlink': 'remove',
  'detail.unlinkAria': 'Remove the link with {card}',
  'detail.annotations': 'The observer’s annotations',

  'save.saving': 'Saving…',
  'save.saved': 'Saved',
  'save.failed': 'Not saved',

  'script.title': 'Interview script',
  'script.hint': 'Click a question to mark it for the whole table.',
  'script.waiting': 'The script starts when the round starts.',
  'script.prev': '← Previous',
  'script.next': 'Next →',
  'script.prevAria': 'Previous question',
  'script.nextAria': 'Next question',
  'script.goTo': 'Go to question {number}: {text}',
  'script.askedBy': 'asked of: {role}',

  'notes.title': 'Record',
  'notes.titleRound': 'Record of round {round}',
  'notes.hint': 'Write down per question what is said; it is saved by itself.',
  'notes.waiting': 'The record starts when the round starts.',
  'notes.fieldAria': 'Record for question {number}',

  'observer.title': 'Observation',
  'observer.hint': 'Write annotations on the board or on one card.',
  'observer.waiting': 'The observation starts when the round starts.',
  'observer.target': 'Annotation on',
  'observer.text': 'Annotation',
  'observer.placeholder': 'What do you see happening?',
  'observer.add': 'Add annotation',
  'observer.wholeBoard': 'The whole board',
  'observer.onBoard': 'On the board',
  'observer.onCard': 'On {card}',
  'observer.reflection': 'Reflection: what can we learn from this interview?',
  'observer.reflectionPlaceholder': 'Question 7 is for you: what stands out, what can we learn from it?',
  'observer.reflectionSave': 'Save reflection',

  'profile.title': 'What works for whom?',
  'profile.hint': 'After the interview: which profile fits this person? Choose A, B or C.',
  'profile.hintReadOnly': 'The interviewer or respondent chooses the profile; click to look at one.',
  'profile.choose': 'Profile {id}: {label}',
  'profile.none': 'No profile chosen yet.',
  'profile.worksWell': 'Works well',
  'profile.worksLess': 'Works less',
  'profile.preview': 'You are looking at this profile; it has not been chosen.',
  'outcomes.title': 'Outcomes',
  'outcomes.hint': 'What did the learning yield? Choose the cards that fit.',

  'discussion.title': 'Table talk (part 3)',
  'discussion.hint': 'Write down the table’s answers; they are saved by themselves.',
  'discussion.hintReadOnly': 'The reporter writes down the table’s answers.',

  'people.title': 'At this table',
  'people.free': 'free',
  'people.you': 'you',
  'people.online': 'online',
  'people.offline': 'not online',
  'people.unknown': 'unknown',
  'people.claim': 'Take another seat',
  'people.claimApply': 'Switch',

  'rolehelp.title': 'You are {seat}',
  'rolehelp.respondent1': 'You tell the story in round 1: think of someone who recently grew in learning and development. Choose cards, lay them on the board and explain them. In round 2 you listen.',
  'rolehelp.respondent2': 'You tell the story in round 2: think of someone who recently grew in learning and development. Choose cards, lay them on the board and explain them. In round 1 you listen.',

  'photos.title': 'Photos of the board',
  'photos.caption': 'Round {round} · table {table} · {count} cards',
  'photos.save': 'Save photo',

  'plenary.title': 'Plenary summary',
  'plenary.refresh': 'Refresh',
  'plenary.empty': 'No cards have been placed at the tables yet.',
  'plenary.aria': 'Factors across all tables: on the left how often stimulating, on the right how often limiting',
  'plenary.rowAria': '{card}: {stimulating} times stimulating, {hindering} times limiting',
  'plenary.barTitle': '{count} times, mean strength {strength}',
  'plenary.barCount': '{count} times',
  'plenary.tables': 'across {count} tables',
  'plenary.laidFirst': 'Most often laid first',
  'plenary.links': 'Links made most often',

  'home.pageTitle': 'Factorspel',
  'home.title': 'The card game for your workshop, live at every table',
  'home.intro': 'Participants lay factor cards on the board: on the left what stimulated learning, on the right what limited it. You see every table at once, and nothing gets lost.',
  'home.create.title': 'Create a workshop',
  'home.create.titleLabel': 'Title',
  'home.create.titlePlaceholder': 'For example: Learning in outdoor services, 24 November',
  'home.create.deck': 'Card deck',
  'home.create.deckFacts': '{factors} factors, {cards} cards',
  'home.create.tables': 'Number of tables',
  'home.create.minutes': 'Minutes per round',
  'home.create.language': 'Language of the workshop',
  'home.create.submit': 'Create workshop',
  'home.create.needTitle': 'Give the workshop a title.',
  'home.create.needTables': 'Fill in the number of tables (at least 1).',
  'home.create.needMinutes': 'Fill in the minutes per round (at least 1).',
  'home.join.title': 'Join',
  'home.join.intro': 'Have a code from the facilitator? Enter it and take your seat at your table.',
  'home.join.submit': 'Join',
  'home.recent.title': 'Workshops you created here',

  'join.pageTitle': 'Factorspel · join',
  'join.title': 'Take your seat at your table',
  'join.intro': 'Enter the code the facilitator shows, and your name. Choose a role, or let the first free seat be chosen for you.',
  'join.code': 'Code',
  'join.name': 'Your name',
  'join.table': 'Table (optional)',
  'join.tableAny': 'The quietest table',
  'join.role': 'Role',
  'join.role.any': 'First free seat',
  'join.role.interviewer': 'Interviewer (asks)',
  'join.role.respondent': 'Respondent (shares)',
  'join.role.reporter': 'Reporter (keeps the record)',
  'join.role.observer': 'Observer (reflects)',
  'join.role.shared': 'Shared laptop (whole table)',
  'join.submit': 'Take my seat',
  'join.continue': 'Continue in the same seat',
  'join.already': 'You already sit in “{title}”: {name}, table {table}, {seat}.',
  'join.needCode': 'Enter the workshop’s code.',
  'join.needName': 'Enter your name.',

  'fac.pageTitle': 'Factorspel · facilitator',
  'fac.badge': 'Facilitator',
  'fac.noTokenTitle': 'No access as facilitator',
  'fac.noToken': 'Open the secret facilitator link you got when you created the workshop.',
  'fac.tokenRefused': 'This link does not (or no longer) open the console of this workshop.',
  'fac.join.title': 'Joining',
  'fac.join.code': 'Code',
  'fac.join.qrFor': 'QR code for',
  'fac.join.qrAll': 'all tables',
  'fac.join.qrAlt': 'QR code of the link to join: {link}',
  'fac.projector': 'Projector screen:',
  'fac.projectorOpen': 'open the projector screen',
  'fac.projectorUnknown': 'only known in the browser in which the workshop was created',
  'fac.secret': 'Keep this page: its link is your key.',
  'fac.clock.title': 'Clock and rounds',
  'fac.clock.start': 'Start round {round}',
  'fac.clock.allPlayed': 'All rounds played',
  'fac.clock.pause': 'Pause',
  'fac.clock.resume': 'Resume',
  'fac.clock.end': 'End round',
  'fac.clock.extendBy': 'Seconds to add',
  'fac.clock.extend': 'Extend',
  'fac.clock.extended': 'Clock changed by {seconds} seconds.',
  'fac.roundEnded': 'ended',
  'fac.phase.label': 'Move to phase',
  'fac.phase.apply': 'Apply',
  'fac.broadcast.title': 'Message to everyone',
  'fac.broadcast.placeholder': 'For example: five more minutes!',
  'fac.broadcast.send': 'Send',
  'fac.broadcast.sent': 'Message sent.',
  'fac.tables.title': 'Tables',
  'fac.mini.waiting': 'waiting for the first round',
  'fac.mini.playing': 'round {round} running',
  'fac.mini.ended': 'round {round} over',
  'fac.mini.open': 'Open',
  'fac.mini.openAria': 'Open table {table} full size',
  'fac.mini.question': 'question {number}',
  'fac.mini.noQuestion': 'no question yet',
  'fac.mini.cards': '{count} cards',
  'fac.mini.profile': 'profile {id}',
  'fac.participants.title': 'Participants and seats',
  'fac.participants.hint': 'Choose another table or seat; whoever sits in that seat at the same table swaps along.',
  'fac.participants.name': 'Name',
  'fac.participants.table': 'Table',
  'fac.participants.seat': 'Seat',
  'fac.participants.online': 'Online',
  'fac.participants.none': 'Nobody has joined yet.',
  'fac.participants.tableAria': 'Table of {name}',
  'fac.participants.seatAria': 'Seat of {name}',
  'fac.participants.moved': 'Seat changed.',
  'fac.exports.title': 'Exports',
  'fac.exports.hint': 'Everything the tables did, for the report and the analysis.',
  'fac.exports.pseudonymise': 'Without names',
  'fac.exports.pdf': 'PDF report',
  'fac.exports.csv': 'CSV (zip)',
  'fac.exports.json': 'JSON archive',
  'fac.exports.done': '{file} has been downloaded.',

  'proj.pageTitle': 'Factorspel · projector',
  'proj.join': 'Join in',
  'proj.clock': 'Clock',
  'proj.notStarted': 'We start in a moment',
  'proj.progress': 'At the tables',
  'proj.sound': 'Click this screen once, and the whistle sounds here too.',
  'proj.noTokenTitle': 'No projector link',
  'proj.noToken': 'Open the projector screen through the link in the facilitator’s console.',
  'proj.tokenRefused': 'This projector link does not (or no longer) give access.',

  'error.unknown': 'That did not work.',
  'error.offline': 'No connection to the server; try again in a moment.',
  'error.timeout': 'The server did not answer in time; try again.',
  'error.access_denied': 'No access to this part of the workshop.',
  'error.internal': 'The server could not store this; try again.',
  'error.bad_command': 'The server does not understand that request.',
  'error.unknown_command': 'The server does not know that request.',
  'error.bad_value': 'One of the values is not right.',
  'error.text_too_long': 'The text is too long.',
  'error.empty_text': 'The text is empty.',
  'error.too_many': 'No more fit.',
  'error.too_large': 'The message is too large.',
  'error.rate_limited': 'Easy: too many requests in a row.',
  'error.no_token': 'You have no key for this workshop.',
  'error.unknown_token': 'Your key is not known.',
  'error.token_expired': 'Your key has expired.',
  'error.not_allowed': 'Your role may not do that.',
  'error.wrong_table': 'That can only be done at your own table.',
  'error.wrong_workshop': 'This key belongs to another workshop.',
  'error.unknown_workshop': 'This workshop does not exist (any more).',
  'error.unknown_join_code': 'There is no workshop with this code. Have another look at the screen.',
  'error.unknown_deck': 'This card deck does not exist on the server.',
  'error.unknown_table': 'That table does not exist.',
  'error.unknown_participant': 'That participant is not (or no longer) here.',
  'error.unknown_card': 'That card is not in this deck.',
  'error.unknown_copy': 'That card does not exist.',
  'error.copy_on_board': 'That card already lies on the board.',
  'error.no_copy_left': 'Both cards of this factor are already on the board.',
  'error.unknown_placement': 'That card is not (or no longer) on the board.',
  'error.unknown_link': 'That link does not exist (any more).',
  'error.same_card': 'A card cannot be linked to itself.',
  'error.already_linked': 'These two cards are already linked.',
  'error.nothing_to_undo': 'None of the cards on the board is yours.',
  'error.unknown_question': 'That question is not in the script.',
  'error.unknown_profile': 'That profile does not exist.',
  'error.unknown_outcome': 'That outcome card does not exist.',
  'error.unknown_prompt': 'That discussion question does not exist.',
  'error.no_round': 'No round has started yet.',
  'error.round_not_open': 'The round is not running: the board is fixed.',
  'error.round_open': 'A round is still running; end it first.',
  'error.bad_round': 'That is not the next round, or all rounds have been played.',
  'error.bad_phase': 'That is not possible in this phase of the workshop.',
  'error.clock_not_running': 'The clock is not running.',
  'error.clock_not_paused': 'The clock is not paused.',
  'error.clock_not_expired': 'Time is not up yet.',
  'error.seat_taken': 'That seat is taken.',
  'error.table_full': 'That table is full.',
  'error.already_seated': 'You already sit in that seat.',
  'error.workshop_closed': 'The workshop is closed; nothing can change any more.',
  'error.workshop_exists': 'This workshop exists already.',
  'error.too_many_workshops': 'The server already holds the most workshops it can.',
};

const dictionaries = { nl, en };

function storedLanguage() {
  try {
    const stored = localStorage.getItem(LANG_KEY);
    if (LANGUAGES.includes(stored)) return stored;
  } catch { /* no storage */ }
  return null;
}

function initialLanguage() {
  return storedLanguage() || 'nl';
}

let lang = initialLanguage();
const listeners = new Set();

export function getLang() {
  return lang;
}

/** Switches the language, remembers it, re-translates the page and tells the listeners. */
export function setLang(next) {
  if (!LANGUAGES.includes(next) || next === lang) return;
  lang = next;
  try { localStorage.setItem(LANG_KEY, next); } catch { /* no storage */ }
  document.documentElement.lang = next;
  applyI18n(document);
  for (const fn of listeners) fn(next);
}

/** The workshop's own language, for someone who has not chosen one here yet (not remembered). */
export function useWorkshopLanguage(workshopLanguage) {
  if (storedLanguage() || !LANGUAGES.includes(workshopLanguage) || workshopLanguage === lang) return;
  lang = workshopLanguage;
  document.documentElement.lang = lang;
  applyI18n(document);
  for (const fn of listeners) fn(lang);
}

export function onLangChange(fn) {
  listeners.add(fn);
}

/** The text of a key in the current language, with {name} placeholders filled from vars. */
export function t(key, vars) {
  let text = dictionaries[lang][key];
  if (text === undefined) text = dictionaries.nl[key];
  if (text === undefined) {
    console.warn(`i18n: no text for "${key}"`);
    return key;
  }
  if (vars) text = text.replace(/\{(\w+)\}/g, (m, name) => (vars[name] === undefined || vars[name] === null ? m : String(vars[name])));
  return text;
}

export function has(key) {
  return key in dictionaries[lang];
}

/** A deck text ({nl, en}) in the current language, falling back to the other. */
export function tx(text) {
  if (text === undefined || text === null) return '';
  if (typeof text === 'string') return text;
  return text[lang] ?? text.nl ?? text.en ?? Object.values(text)[0] ?? '';
}

/** Fills [data-i18n] text and [data-i18n-attr] attributes under root. */
export function applyI18n(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':').map((s) => s && s.trim());
      if (attr && key) el.setAttribute(attr, t(key));
    }
  }
}

const locale = () => (lang === 'nl' ? 'nl-NL' : 'en-GB');

export function formatNumber(value, digits = 1) {
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function formatTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' });
}

/**
 * Lists what is missing: keys one language has and another lacks, placeholders that differ, and
 * (in a page) data-i18n keys that no dictionary has. An empty list means complete.
 */
export function check(root = typeof document === 'undefined' ? null : document) {
  const problems = [];
  for (const a of LANGUAGES) {
    for (const b of LANGUAGES) {
      if (a === b) continue;
      for (const key of Object.keys(dictionaries[a])) if (!(key in dictionaries[b])) problems.push(`${b} lacks "${key}"`);
    }
  }
  const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  for (const key of Object.keys(nl)) {
    if (key in en && names(nl[key]) !== names(en[key])) problems.push(`placeholders differ in "${key}"`);
    if (key in en && !en[key].trim()) problems.push(`en "${key}" is empty`);
    if (!nl[key].trim()) problems.push(`nl "${key}" is empty`);
  }
  if (root) {
    for (const el of root.querySelectorAll('[data-i18n]')) if (!(el.dataset.i18n in nl)) problems.push(`unknown key "${el.dataset.i18n}" in the page`);
    for (const el of root.querySelectorAll('[data-i18n-attr]')) {
      for (const pair of el.dataset.i18nAttr.split(';')) {
        const key = (pair.split(':')[1] || '').trim();
        if (key && !(key in nl)) problems.push(`unknown key "${key}" in the page`);
      }
    }
  }
  return problems;
}

export const dictionaryKeys = () => Object.keys(nl);

if (typeof window !== 'undefined') {
  window.factorspelI18nCheck = check;
  const problems = check(null);
  if (problems.length) console.warn('i18n problems:', problems);
}
