import datetime as dt

from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.storage.bilans import BilanRepository

NOW = dt.datetime(2026, 11, 26, 10, 0)


def test_create_list_update(vault):
    repo = BilanRepository(vault)
    first = repo.create(Beneficiary("Dupont", "Élodie", dt.date(1985, 3, 14), "e@x.fr"), Funding.CPF, NOW)
    second = repo.create(Beneficiary("Martin", "Jérôme"), Funding.PLAN_DEVELOPPEMENT, NOW)
    summaries = repo.summaries()
    assert [s.reference for s in summaries] == ["BC-2026-0001", "BC-2026-0002"]
    assert summaries[0].step is Step.PREMIER_CONTACT and summaries[0].opened_on == NOW.date()
    repo.update_beneficiary(first, Beneficiary("Dupont", "Élodie", None, "", "0612345678", "Lyon"),
                            NOW + dt.timedelta(hours=1))
    assert repo.beneficiary(first).telephone == "0612345678"
    assert repo.beneficiary(first).date_naissance is None
    assert repo.summary(first).updated_at == NOW + dt.timedelta(hours=1)
    assert repo.beneficiary(second).prenom == "Jérôme"
