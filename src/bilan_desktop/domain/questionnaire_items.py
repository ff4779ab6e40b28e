"""Questionnaire items: public-domain markers (International Personality Item Pool), French wording written
for this application and NOT validated. Each item: (id, scale, key, French text, English original)."""

from __future__ import annotations

NOT_VALIDATED = "Traduction non validée — support d'entretien, pas un diagnostic."

RIASEC_SCALES = {"R": "Réaliste", "I": "Investigateur", "A": "Artistique", "S": "Social", "E": "Entreprenant",
                 "C": "Conventionnel"}
RIASEC_ANSWERS = ("Je n'aimerais pas du tout", "Je n'aimerais pas", "Indifférent", "J'aimerais", "J'aimerais beaucoup")
RIASEC_QUESTION = "Aimeriez-vous…"

RIASEC_ITEMS = [
    ("R1", "R", "+", "Contrôler la qualité de pièces avant leur expédition", "Test the quality of parts before shipment"),
    ("R2", "R", "+", "Poser des briques ou du carrelage", "Lay brick or tile"),
    ("R3", "R", "+", "Travailler sur une plateforme pétrolière en mer", "Work on an offshore oil-drilling rig"),
    ("R4", "R", "+", "Assembler des composants électroniques", "Assemble electronic parts"),
    ("R5", "R", "+", "Conduire une rectifieuse en usine", "Operate a grinding machine in a factory"),
    ("R6", "R", "+", "Réparer un robinet qui fuit", "Fix a broken faucet"),
    ("R7", "R", "+", "Assembler des produits en usine", "Assemble products in a factory"),
    ("R8", "R", "+", "Poser des revêtements de sol dans des maisons", "Install flooring in houses"),
    ("I1", "I", "+", "Étudier la structure du corps humain", "Study the structure of the human body"),
    ("I2", "I", "+", "Étudier le comportement des animaux", "Study animal behavior"),
    ("I3", "I", "+", "Faire de la recherche sur les plantes ou les animaux", "Do research on plants or animals"),
    ("I4", "I", "+", "Mettre au point un nouveau traitement médical", "Develop a new medical treatment or procedure"),
    ("I5", "I", "+", "Mener des recherches en biologie", "Conduct biological research"),
    ("I6", "I", "+", "Étudier les baleines et d'autres espèces marines", "Study whales and other types of marine life"),
    ("I7", "I", "+", "Travailler dans un laboratoire de biologie", "Work in a biology lab"),
    ("I8", "I", "+", "Cartographier les fonds marins", "Make a map of the bottom of an ocean"),
    ("A1", "A", "+", "Diriger une chorale", "Conduct a musical choir"),
    ("A2", "A", "+", "Mettre en scène une pièce de théâtre", "Direct a play"),
    ("A3", "A", "+", "Créer des illustrations pour des magazines", "Design artwork for magazines"),
    ("A4", "A", "+", "Écrire une chanson", "Write a song"),
    ("A5", "A", "+", "Écrire des livres ou des pièces de théâtre", "Write books or plays"),
    ("A6", "A", "+", "Jouer d'un instrument de musique", "Play a musical instrument"),
    ("A7", "A", "+", "Réaliser des cascades pour le cinéma ou la télévision",
     "Perform stunts for a movie or television show"),
    ("A8", "A", "+", "Concevoir des décors de théâtre", "Design sets for plays"),
    ("S1", "S", "+", "Conseiller des personnes sur leur orientation professionnelle", "Give career guidance to people"),
    ("S2", "S", "+", "Faire du bénévolat dans une association", "Do volunteer work at a non-profit organization"),
    ("S3", "S", "+", "Aider des personnes qui ont des problèmes d'alcool ou de drogue",
     "Help people who have problems with drugs or alcohol"),
    ("S4", "S", "+", "Faire suivre un programme d'exercices physiques à une personne",
     "Teach an individual an exercise routine"),
    ("S5", "S", "+", "Aider des personnes confrontées à des difficultés familiales",
     "Help people with family-related problems"),
    ("S6", "S", "+", "Encadrer les activités d'enfants en colonie de vacances",
     "Supervise the activities of children at a camp"),
    ("S7", "S", "+", "Apprendre à lire à des enfants", "Teach children how to read"),
    ("S8", "S", "+", "Aider des personnes âgées dans leurs activités quotidiennes",
     "Help elderly people with their daily activities"),
    ("E1", "E", "+", "Vendre des franchises de restaurant à des particuliers", "Sell restaurant franchises to individuals"),
    ("E2", "E", "+", "Vendre des articles dans un grand magasin", "Sell merchandise at a department store"),
    ("E3", "E", "+", "Diriger l'exploitation d'un hôtel", "Manage the operations of a hotel"),
    ("E4", "E", "+", "Tenir un salon de coiffure ou d'esthétique", "Operate a beauty salon or barber shop"),
    ("E5", "E", "+", "Diriger un service dans une grande entreprise", "Manage a department within a large company"),
    ("E6", "E", "+", "Gérer un magasin de vêtements", "Manage a clothing store"),
    ("E7", "E", "+", "Vendre des maisons", "Sell houses"),
    ("E8", "E", "+", "Tenir un magasin de jouets", "Run a toy store"),
    ("C1", "C", "+", "Établir les fiches de paie mensuelles d'un bureau",
     "Generate the monthly payroll checks for an office"),
    ("C2", "C", "+", "Inventorier des fournitures avec un terminal portable",
     "Inventory supplies using a hand-held computer"),
    ("C3", "C", "+", "Éditer les factures des clients avec un logiciel",
     "Use a computer program to generate customer bills"),
    ("C4", "C", "+", "Tenir à jour les dossiers du personnel", "Maintain employee records"),
    ("C5", "C", "+", "Calculer et enregistrer des données statistiques et chiffrées",
     "Compute and record statistical and other numerical data"),
    ("C6", "C", "+", "Se servir d'une calculatrice", "Operate a calculator"),
    ("C7", "C", "+", "Traiter les opérations bancaires des clients", "Handle customers' bank transactions"),
    ("C8", "C", "+", "Tenir les registres d'expédition et de réception", "Keep shipping and receiving records"),
]

BIGFIVE_SCALES = {"E": "Extraversion", "A": "Agréabilité", "C": "Conscience (caractère consciencieux)",
                  "N": "Névrosisme (instabilité émotionnelle)", "I": "Ouverture (imagination, intellect)"}
BIGFIVE_ANSWERS = ("Pas du tout moi", "Plutôt pas moi", "Ni l'un ni l'autre", "Plutôt moi", "Tout à fait moi")
BIGFIVE_QUESTION = "Dans quelle mesure cette phrase vous décrit-elle ?"

BIGFIVE_ITEMS = [  # Mini-IPIP (Donnellan, Oswald, Baird & Lucas, 2006)
    ("1", "E", "+", "Je suis l'âme de la fête.", "Am the life of the party."),
    ("2", "A", "+", "Je compatis aux sentiments des autres.", "Sympathize with others' feelings."),
    ("3", "C", "+", "J'accomplis mes tâches sans attendre.", "Get chores done right away."),
    ("4", "N", "+", "J'ai de fréquentes sautes d'humeur.", "Have frequent mood swings."),
    ("5", "I", "+", "J'ai une imagination débordante.", "Have a vivid imagination."),
    ("6", "E", "-", "Je ne parle pas beaucoup.", "Don't talk a lot."),
    ("7", "A", "-", "Les problèmes des autres ne m'intéressent pas.", "Am not interested in other people's problems."),
    ("8", "C", "-", "J'oublie souvent de ranger les choses à leur place.",
     "Often forget to put things back in their proper place."),
    ("9", "N", "-", "Je suis détendu(e) la plupart du temps.", "Am relaxed most of the time."),
    ("10", "I", "-", "Les idées abstraites ne m'intéressent pas.", "Am not interested in abstract ideas."),
    ("11", "E", "+", "En soirée, je parle à beaucoup de personnes différentes.",
     "Talk to a lot of different people at parties."),
    ("12", "A", "+", "Je ressens les émotions des autres.", "Feel others' emotions."),
    ("13", "C", "+", "J'aime l'ordre.", "Like order."),
    ("14", "N", "+", "Je me contrarie facilement.", "Get upset easily."),
    ("15", "I", "-", "J'ai du mal à comprendre les idées abstraites.", "Have difficulty understanding abstract ideas."),
    ("16", "E", "-", "Je reste en retrait.", "Keep in the background."),
    ("17", "A", "-", "Je ne m'intéresse pas vraiment aux autres.", "Am not really interested in others."),
    ("18", "C", "-", "Je mets du désordre partout.", "Make a mess of things."),
    ("19", "N", "-", "J'ai rarement le cafard.", "Seldom feel blue."),
    ("20", "I", "-", "Je n'ai pas beaucoup d'imagination.", "Do not have a good imagination."),
]
