"""Issue 14: « À faire » lists each kind of item on an injected date; the agenda finds conflicts and free slots;
the .ics export reads back with the expected events, initials only by default, stable UIDs."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from bilan_desktop.documents.calendar_export import to_ics
from bilan_desktop.domain.agenda import (clashes_with, conflicts, events, free_slots, in_conflict, initials,
                                         parse_day)
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.seances import Seance, StatutSeance
from bilan_desktop.domain.sections import (Cloture, Conservation, Convention, Financement, FinDuBilan,
                                           ModaliteSeance, PhaseConclusion)
from bilan_desktop.domain.todo import TodoKind, todos
from bilan_desktop.domain.workflow import Dossier

D = dt.date
TODAY = D(2026, 11, 25)  # a Wednesday


def _d(bilan_id: int, funding=Funding.CPF, step=Step.PHASE_INVESTIGATION, **parts) -> Dossier:
    return Dossier(bilan_id=bilan_id, reference=f"BC-2026-{bilan_id:04d}", funding=funding, step=step, **parts)


def week() -> dict[int, Dossier]:
    return {
        1: _d(1, Funding.PLAN_DEVELOPPEMENT, Step.CONVENTION,
              convention=Convention(transmis_le=D(2026, 11, 20))),
        2: _d(2, Funding.PERSONNEL, Step.PHASE_PRELIMINAIRE, financement=Financement(contrat_signe_le=D(2026, 11, 20))),
        3: _d(3, seances=[Seance(id=31, date=TODAY, debut=dt.time(14), fin=dt.time(16)),
                          Seance(id=32, date=D(2026, 11, 29), debut=dt.time(9), fin=dt.time(11)),
                          Seance(id=33, date=D(2026, 11, 30), debut=dt.time(9), fin=dt.time(11)),  # next week
                          Seance(id=34, date=D(2026, 11, 26), statut=StatutSeance.ANNULEE)]),
        4: _d(4, step=Step.ENTRETIEN_SUIVI, fin_du_bilan=FinDuBilan(date_fin=D(2026, 6, 10)),
              phase_conclusion=PhaseConclusion(synthese_remise_le=D(2026, 6, 10))),
        5: _d(5, step=Step.FIN_DU_BILAN, fin_du_bilan=FinDuBilan(date_fin=D(2026, 11, 20))),
        6: _d(6, step=Step.ENTRETIEN_SUIVI, phase_conclusion=PhaseConclusion(synthese_remise_le=D(2025, 12, 1)),
              fin_du_bilan=FinDuBilan(date_fin=D(2025, 12, 10), conservation=Conservation.ACCORD_SUIVI,
                                      accord_signe_le=D(2025, 12, 10), duree_conservation_ans=1)),
        7: _d(7, seances=[Seance(id=71, date=D(2026, 11, 2), statut=StatutSeance.REALISEE)],
              financement=Financement(dossier_numero="7")),
        8: _d(8),
        9: _d(9, cloture=Cloture(suspendu_le=D(2026, 10, 1))),
        10: _d(10, cloture=Cloture(abandon_le=D(2026, 11, 1)), seances=[Seance(id=101, date=TODAY)]),
    }


def test_every_kind_of_item_on_an_injected_date():
    items = todos(week(), {i: f"Personne {i}" for i in range(1, 11)}, TODAY, pending={"BC-2026-0008"})
    by_kind = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append((item.reference, item.day))
    assert by_kind[TodoKind.CONVENTION] == [("BC-2026-0001", D(2026, 11, 30))]
    assert by_kind[TodoKind.RETRACTATION] == [("BC-2026-0002", D(2026, 11, 30))]
    assert by_kind[TodoKind.SEANCE] == [("BC-2026-0003", TODAY), ("BC-2026-0003", D(2026, 11, 29))]
    # due within 30 days, and one never held (five months late)
    assert by_kind[TodoKind.SUIVI] == [("BC-2026-0006", D(2026, 6, 10)), ("BC-2026-0004", D(2026, 12, 10))]
    assert ("BC-2026-0005", D(2026, 11, 20)) in by_kind[TodoKind.SYNTHESE]
    assert by_kind[TodoKind.ACCORD] == [("BC-2026-0006", D(2026, 12, 10))]
    # CPF: the entry of bilan 7 (a session held), the « service fait » of the CPF bilans that ended
    assert sorted({r for r, _ in by_kind[TodoKind.CPF]}) == ["BC-2026-0004", "BC-2026-0005", "BC-2026-0006",
                                                            "BC-2026-0007"]
    assert by_kind[TodoKind.DESTRUCTION] == [("BC-2026-0008", TODAY)]
    assert by_kind[TodoKind.PAUSE] == [("BC-2026-0009", D(2026, 10, 1))]
    assert set(TodoKind) == set(by_kind)
    assert all(item.reference != "BC-2026-0010" for item in items)  # an abandoned bilan asks for nothing
    assert [i.day for i in items] == sorted(i.day for i in items)
    seance = next(i for i in items if i.kind is TodoKind.SEANCE)
    assert seance.text.startswith("Aujourd’hui, 14:00 – 16:00") and seance.page == "seances"
    assert next(i for i in items if i.kind is TodoKind.CONVENTION).page == "convention"


def test_sessions_of_this_week_and_at_the_weekend_of_the_week_ahead():
    d = {3: week()[3]}
    seances = lambda day: [i.day for i in todos(d, {}, day) if i.kind is TodoKind.SEANCE]  # noqa: E731
    assert seances(D(2026, 11, 27)) == [D(2026, 11, 29)]  # Friday: up to Sunday, not Monday's session
    assert seances(D(2026, 11, 28)) == [D(2026, 11, 29), D(2026, 11, 30)]  # Saturday: Monday's session too
    assert seances(D(2026, 11, 29)) == [D(2026, 11, 29), D(2026, 11, 30)]  # Sunday
    later = {3: _d(3, seances=[Seance(id=1, date=D(2026, 12, 6)), Seance(id=2, date=D(2026, 12, 7))])}
    assert [i.day for i in todos(later, {}, D(2026, 11, 29)) if i.kind is TodoKind.SEANCE] == [D(2026, 12, 6)]


def test_limits_of_the_windows():
    d = week()
    assert not [i for i in todos({4: d[4]}, {}, D(2026, 11, 9)) if i.kind is TodoKind.SUIVI]  # 31 days ahead
    assert TodoKind.SUIVI in [i.kind for i in todos({4: d[4]}, {}, D(2026, 11, 10))]  # 30 days ahead
    late = [i for i in todos({4: d[4]}, {}, D(2026, 12, 20)) if i.kind is TodoKind.SUIVI]
    assert "en retard" in late[0].text
    assert not todos({9: d[9]}, {}, D(2026, 10, 30))  # paused 29 days
    assert todos({9: d[9]}, {}, D(2026, 10, 31))[0].kind is TodoKind.PAUSE
    assert not todos({1: d[1]}, {}, D(2026, 12, 1))  # past the convention's last day: refus réputé, nothing to do


def test_agenda_conflicts_free_slots_and_names():
    dossiers = {
        1: _d(1, seances=[Seance(id=1, date=TODAY, debut=dt.time(9), fin=dt.time(11)),
                          Seance(id=2, date=TODAY, debut=dt.time(14), fin=dt.time(15), statut=StatutSeance.ANNULEE)]),
        2: _d(2, seances=[Seance(id=3, date=TODAY, debut=dt.time(10, 30), fin=dt.time(12),
                                 modalite=ModaliteSeance.VISIO, lien_visio="https://visio.exemple.fr/x")]),
        3: _d(3, step=Step.ENTRETIEN_SUIVI, fin_du_bilan=FinDuBilan(date_fin=D(2026, 5, 25))),
    }
    people = {1: ("Élodie", "Lefèvre"), 2: ("Jean-Pierre", "Martin"), 3: ("Aïssata", "N'Diaye")}
    found = events(dossiers, people, TODAY, TODAY, place="12 rue des Lilas, 69003 Lyon")
    assert [(e.reference, e.start) for e in found] == [("BC-2026-0001", dt.time(9)), ("BC-2026-0003", dt.time(9)),
                                                       ("BC-2026-0002", dt.time(10, 30)),
                                                       ("BC-2026-0001", dt.time(14))]
    assert conflicts(found) == {("BC-2026-0001-seance-1@bilan-desktop", "BC-2026-0002-seance-3@bilan-desktop")}
    assert in_conflict(found) == {"BC-2026-0001-seance-1@bilan-desktop", "BC-2026-0002-seance-3@bilan-desktop"}
    assert [e.seance_id for e in clashes_with(found, TODAY, dt.time(11), dt.time(13))] == [3]
    assert clashes_with(found, TODAY, dt.time(14), dt.time(15)) == []  # the cancelled session frees its slot
    assert clashes_with(found, TODAY, dt.time(10), dt.time(11), seance_id=1) == [found[2]]
    assert free_slots(found, TODAY)[:3] == [(dt.time(12), dt.time(14)), (dt.time(13), dt.time(15)),
                                            (dt.time(14), dt.time(16))]
    assert initials("Jean-Pierre", "Martin") == "J.-P. M." and initials("Élodie", "") == "É."
    remote = found[2]
    assert (remote.place, remote.link) == ("", "https://visio.exemple.fr/x")
    assert found[0].place == "12 rue des Lilas, 69003 Lyon"


def test_ics_reads_back_with_initials_only_and_stable_uids():
    dossiers = {1: _d(1, seances=[Seance(id=1, date=TODAY, debut=dt.time(9), fin=dt.time(11)),
                                  Seance(id=2, date=TODAY, debut=dt.time(14), fin=dt.time(15),
                                         modalite=ModaliteSeance.VISIO, lien_visio="https://visio.exemple.fr/x",
                                         statut=StatutSeance.ANNULEE)])}
    found = events(dossiers, {1: ("Élodie", "Lefèvre")}, TODAY, TODAY, place="12 rue des Lilas")
    first = to_ics(found, dt.datetime(2026, 11, 25, 8))
    calendar = Calendar.from_ical(first)
    vevents = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in vevents] == ["BC-2026-0001 — É. L. — Séance — phase préliminaire",
                                                    "BC-2026-0001 — É. L. — Séance — phase préliminaire"]
    assert b"Lef" not in first and "Élodie".encode() not in first
    assert vevents[0].decoded("DTSTART") == dt.datetime(2026, 11, 25, 9, tzinfo=vevents[0].decoded("DTSTART").tzinfo)
    assert str(vevents[0]["LOCATION"]) == "12 rue des Lilas"
    assert str(vevents[1]["LOCATION"]) == "Visioconférence" and str(vevents[1]["STATUS"]) == "CANCELLED"
    assert calendar.walk("VTIMEZONE")  # the time zone travels with the events
    again = Calendar.from_ical(to_ics(found, dt.datetime(2026, 11, 26, 8)))
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(e["UID"]) for e in vevents]
    assert int(again.walk("VEVENT")[0]["SEQUENCE"]) > int(vevents[0]["SEQUENCE"])  # the later export wins
    named = to_ics(found, dt.datetime(2026, 11, 25, 8), full_name=True)
    assert "Élodie Lefèvre".encode() in Calendar.from_ical(named).walk("VEVENT")[0]["SUMMARY"].encode()


@pytest.mark.parametrize("text,day", [("2026-11-25", TODAY), ("25/11/2026", TODAY), (" 1/12/26 ", D(2026, 12, 1))])
def test_command_line_dates(text, day):
    assert parse_day(text) == day


def test_a_wrong_command_line_date_says_which_formats():
    with pytest.raises(ValueError, match="AAAA-MM-JJ ou JJ/MM/AAAA"):
        parse_day("demain")


def test_the_whole_list_word_for_word():
    """What the consultant reads, exactly (each line's day, kind, bilan, person and text)."""
    items = todos(week(), {i: f"Personne {i}" for i in range(1, 11)}, TODAY, pending={"BC-2026-0008"})
    assert [(t.day.isoformat(), t.kind.value, t.bilan_id, t.who, t.text) for t in items] == [
        ("2026-06-10", "suivi", 6, "Personne 6", "Entretien de suivi prévu le mercredi 10 juin 2026 (en retard)."),
        ("2026-10-01", "pause", 9, "Personne 9", "En pause depuis le jeudi 1er octobre 2026 : reprendre ou clore le "
                                                 "bilan ?"),
        ("2026-11-20", "synthese", 5, "Personne 5", "Document de synthèse pas encore remis au bénéficiaire."),
        ("2026-11-25", "seance", 3, "Personne 3", "Aujourd’hui, 14:00 – 16:00, phase préliminaire (présentiel)."),
        ("2026-11-25", "cpf", 4, "Personne 4", "Service fait à déclarer sur la plateforme Mon Compte Formation "
                                               "(bilan terminé le mercredi 10 juin 2026)."),
        ("2026-11-25", "cpf", 5, "Personne 5", "Service fait à déclarer sur la plateforme Mon Compte Formation "
                                               "(bilan terminé le vendredi 20 novembre 2026)."),
        ("2026-11-25", "cpf", 6, "Personne 6", "Service fait à déclarer sur la plateforme Mon Compte Formation "
                                               "(bilan terminé le mercredi 10 décembre 2025)."),
        ("2026-11-25", "cpf", 7, "Personne 7", "Entrée en formation à déclarer sur la plateforme Mon Compte "
                                               "Formation (la première séance a eu lieu le lundi 2 novembre 2026)."),
        ("2026-11-25", "destruction", 8, "Personne 8", "La destruction réglementaire a échoué ; elle est retentée "
                                                       "toutes les heures. Vérifiez l'espace disque."),
        ("2026-11-29", "seance", 3, "Personne 3", "Dimanche 29 novembre 2026, 09:00 – 11:00, phase préliminaire "
                                                  "(présentiel)."),
        ("2026-11-30", "convention", 1, "Personne 1", "Signature du salarié attendue, au plus tard le lundi 30 "
                                                      "novembre 2026."),
        ("2026-11-30", "retractation", 2, "Personne 2", "Délai de rétractation jusqu'au lundi 30 novembre 2026 "
                                                        "inclus : aucun paiement avant."),
        ("2026-12-10", "suivi", 4, "Personne 4", "Entretien de suivi prévu le jeudi 10 décembre 2026."),
        ("2026-12-10", "accord", 6, "Personne 6", "Les documents conservés avec l'accord du bénéficiaire seront "
                                                  "détruits après le jeudi 10 décembre 2026."),
    ]


def test_boundaries_of_each_window_are_included():
    d = week()
    last_day = D(2026, 11, 30)
    assert [i.kind for i in todos({1: d[1]}, {}, last_day)] == [TodoKind.CONVENTION]  # the last day itself
    assert TodoKind.RETRACTATION in [i.kind for i in todos({2: d[2]}, {}, last_day)]
    assert TodoKind.RETRACTATION not in [i.kind for i in todos({2: d[2]}, {}, D(2026, 12, 1))]
    kept = D(2026, 12, 10)
    assert TodoKind.ACCORD in [i.kind for i in todos({6: d[6]}, {}, kept)]  # ends today
    assert TodoKind.ACCORD in [i.kind for i in todos({6: d[6]}, {}, kept - dt.timedelta(days=30))]
    assert TodoKind.ACCORD not in [i.kind for i in todos({6: d[6]}, {}, kept - dt.timedelta(days=31))]
    conclusion = _d(11, step=Step.PHASE_CONCLUSION)
    assert [i.kind for i in todos({11: conclusion}, {}, TODAY)] == [TodoKind.SYNTHESE]
    investigation = _d(12, step=Step.PHASE_INVESTIGATION)
    assert todos({12: investigation}, {}, TODAY) == []
    suivi_today = todos({4: d[4]}, {}, D(2026, 12, 10))
    assert next(i for i in suivi_today if i.kind is TodoKind.SUIVI).text == \
        "Entretien de suivi prévu le jeudi 10 décembre 2026."  # due today: not late yet


def test_follow_up_events_touching_sessions_and_the_day_s_last_slot():
    ended = _d(1, step=Step.ENTRETIEN_SUIVI, fin_du_bilan=FinDuBilan(date_fin=D(2026, 5, 25)))
    (event,) = events({1: ended}, {1: ("Élodie", "Lefèvre")}, TODAY, TODAY, place="Lyon")
    assert (event.bilan_id, event.who, event.initials, event.start, event.end, event.title, event.status,
            event.place, event.seance_id) == (1, "Élodie Lefèvre", "É. L.", dt.time(9), dt.time(10),
                                              "Entretien de suivi (date prévue, à fixer)", "", "Lyon", None)
    assert event.uid == "BC-2026-0001-suivi-2026-11-25@bilan-desktop"
    held = _d(1, step=Step.ENTRETIEN_SUIVI, fin_du_bilan=FinDuBilan(date_fin=D(2026, 5, 25)),
              seances=[Seance(id=9, date=D(2026, 12, 1), etape=Step.ENTRETIEN_SUIVI)])
    assert [e.seance_id for e in events({1: held}, {}, TODAY, TODAY)] == []  # the session replaces the reminder
    assert events({1: _d(1, step=Step.ENTRETIEN_SUIVI)}, {}, TODAY, TODAY) == []  # no end date: no follow-up yet
    nameless = events({1: ended}, {}, TODAY, TODAY)[0]
    assert (nameless.who, nameless.initials, nameless.place) == ("", "", "")
    touching = events({1: _d(1, seances=[Seance(id=1, date=TODAY, debut=dt.time(9), fin=dt.time(11)),
                                        Seance(id=2, date=TODAY, debut=dt.time(11), fin=dt.time(12),
                                               lien_visio="https://oublie")])}, {}, TODAY, TODAY)
    assert conflicts(touching) == set() and touching[1].link == ""  # in person: no link, even if one was typed
    assert free_slots(touching, TODAY)[-1] == (dt.time(18), dt.time(20))
    assert (dt.time(11), dt.time(13)) not in free_slots(touching, TODAY)
    assert (dt.time(12), dt.time(14)) in free_slots(touching, TODAY)
    assert initials("", "Martin") == "M." and initials("", "") == ""


def test_a_new_session_belongs_to_the_step_the_bilan_is_at():
    from bilan_desktop.domain.seances import session_step
    assert session_step(Step.PHASE_INVESTIGATION) is Step.PHASE_INVESTIGATION
    assert session_step(Step.ENTRETIEN_PREALABLE) is Step.ENTRETIEN_PREALABLE
    assert session_step(Step.ENTRETIEN_SUIVI) is Step.ENTRETIEN_SUIVI
    assert session_step(Step.CONVENTION) is Step.PHASE_PRELIMINAIRE  # none during the convention's delay
    assert session_step(Step.FIN_DU_BILAN) is Step.PHASE_PRELIMINAIRE


def test_a_signed_convention_asks_nothing_and_a_bilan_without_a_name_reads_empty():
    signed = _d(1, Funding.PLAN_DEVELOPPEMENT, Step.CONVENTION,
                convention=Convention(transmis_le=D(2026, 11, 20), signe_salarie_le=D(2026, 11, 23)))
    assert [i for i in todos({1: signed}, {}, TODAY) if i.kind is TodoKind.CONVENTION] == []
    unsigned = _d(2, Funding.PLAN_DEVELOPPEMENT, Step.CONVENTION, convention=Convention(transmis_le=D(2026, 11, 20)))
    items = todos({2: unsigned, 8: _d(8)}, {}, TODAY, pending={"BC-2026-0008"})
    assert {(i.kind, i.who) for i in items} == {(TodoKind.CONVENTION, ""), (TodoKind.DESTRUCTION, "")}
