"""French passwords that an attacker tries first, for the passphrase strength estimate (zxcvbn ships English lists
only). Written for this application; most frequent first. The common French words and phrases are in
resources/passphrase (domain.passphrase_lists)."""

COMMON_PASSWORDS = """
azerty azertyuiop motdepasse motdepass soleil bonjour doudou chouchou loulou marseille
nicolas julien coucou camille caramel chocolat princesse amour jetaime toulouse paris
lyon bordeaux nantes lille france vacances papillon nounours bisous cheval chaton
loveyou marine pompier football olympique psg liberte bienvenue secret password
qwertz qsdfgh wxcvbn qsdfghjklm wxcvbnazerty bebe maman papa famille mamour
""".split()
