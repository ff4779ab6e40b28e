"""French words and passwords that an attacker tries first, for the passphrase strength estimate (zxcvbn ships
English dictionaries only). Written for this application; most frequent first (zxcvbn ranks by position)."""

COMMON_PASSWORDS = """
azerty azertyuiop motdepasse motdepass soleil bonjour doudou chouchou loulou marseille
nicolas julien coucou camille caramel chocolat princesse amour jetaime toulouse paris
lyon bordeaux nantes lille france vacances papillon nounours bisous cheval chaton
loveyou marine pompier football olympique psg liberte bienvenue secret password
qwertz qsdfgh wxcvbn qsdfghjklm wxcvbnazerty bebe maman papa famille mamour
""".split()

COMMON_WORDS = """
le la les de des du un une et est en que qui dans pour pas sur au aux avec ce ces se sa son ses
il elle ils elles on nous vous je tu me te mon ma mes ton ta tes notre votre leur leurs mais ou donc
or ni car plus moins tres bien mal tout tous toute toutes rien deux trois quatre cinq six sept huit
neuf dix cent mille premier premiere grand grande petit petite bon bonne beau belle nouveau nouvelle
vieux vieille jeune autre meme chaque quelque jour nuit matin soir midi semaine mois annee an temps
heure minute fois vie mort homme femme enfant fille fils pere mere frere soeur ami amie chat chien
maison porte fenetre table chaise lit canape cuisine jardin fleur arbre rose rouge bleu vert jaune noir
blanc gris orange violet marron eau feu terre air ciel mer lune etoile pluie neige vent nuage montagne
riviere foret plage ile ville village rue route pays monde travail bureau ecole livre lettre mot
phrase passe porte cle clef coffre code secret nom prenom age argent main tete pied coeur oeil yeux
bouche voix corps sang pain vin lait cafe the sucre sel fromage pomme poire orange banane fraise
voiture train avion bateau velo musique chanson danse film photo jeu sport balle match equipe
lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet aout
septembre octobre novembre decembre printemps ete automne hiver noel paques anniversaire
etre avoir faire dire aller voir savoir pouvoir vouloir venir prendre donner mettre parler aimer
passer trouver rester penser croire partir sortir manger boire dormir lire ecrire courir marcher
jouer chanter vivre mourir ouvrir fermer tenir porter chercher attendre comprendre apprendre
dort mange boit court joue chante vit aime parle fait dit va voit sait peut veut vient prend donne
met passe trouve reste pense part sort lit ecrit marche ouvre ferme tient porte cherche attend
bilan competence competences consultant consultante beneficiaire synthese conseil projet metier
emploi formation carriere entreprise salarie patron client dossier rendez vous seance entretien
desktop application ordinateur portable telephone internet courriel adresse numero
""".split()
