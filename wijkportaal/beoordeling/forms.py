"""The forms of assessing. Free text goes through the shared base (which refuses BSN-like numbers). The
score form has a score and a motivation per judged criterion of the round, so it is built per round."""

from wtforms import BooleanField, DateField, RadioField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from wijkportaal.beoordeling import rules
from wijkportaal.beoordeling.models import Advies
from wijkportaal.core.forms import CheckboxesField, Form, keuzes

MAX_TEKST = Length(max=10_000, message="Gebruik hoogstens 10.000 tekens.")
# A score that is not a whole number 0-3 ("4", "1e5", "abc") is read as this, and refused at the field.
BUITEN_RUBRIEK = -1


def _score(waarde) -> int | None:
    if waarde is None or waarde == "":
        return None
    try:
        return int(str(waarde).strip())
    except ValueError:
        return BUITEN_RUBRIEK


def _score_op_rubriek(form, field) -> None:
    if fout := rules.score_fout(field.data):
        raise ValidationError(fout)


def score_veld(label: str, rubriek: tuple[str, ...]) -> RadioField:
    """0 = niet … 3 = goed; anything else gets a Dutch message at the field, not WTForms' own."""
    return RadioField(
        label,
        choices=keuzes((i, f"{i} – {tekst}") for i, tekst in enumerate(rubriek)),
        coerce=_score,
        validate_choice=False,
        validators=[_score_op_rubriek],
    )


class ToewijzingForm(Form):
    beoordelaars = CheckboxesField("Beoordelaars", coerce=int)
    deadline = DateField(
        "Deadline voor de beoordeling",
        validators=[InputRequired("Vul een geldige datum in.")],
        format=["%Y-%m-%d", "%d-%m-%Y"],
    )

    def validate_beoordelaars(self, field) -> None:
        if not field.data:
            raise ValidationError("Kies de beoordelaars.")


class IntrekkenForm(Form):
    reden = TextAreaField(
        "Reden van het intrekken",
        validators=[InputRequired("Geef de reden van het intrekken."), MAX_TEKST],
    )


class VerklaringForm(Form):
    geen_conflict = BooleanField(
        "Ik verklaar dat ik geen belangenconflict heb bij deze aanvraag: ik werk niet voor een van de "
        "aanvragende besturen of scholen en heb er geen ander belang bij."
    )
    afzien = BooleanField("Ik zie af van deze beoordeling")
    reden = TextAreaField("Reden om af te zien", validators=[Optional(), MAX_TEKST])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if fout := rules.verklaring_fout(self.geen_conflict.data, self.afzien.data, self.reden.data or ""):
            veld = self.reden if self.afzien.data and not self.geen_conflict.data else self.geen_conflict
            veld.errors = [*veld.errors, fout]
            return False
        return ok


def _advies_gekozen(form, field) -> None:
    if field.data not in {a.value for a in Advies}:
        raise ValidationError("Kies uw advies: toekennen, afwijzen of aanhouden.")


def score_form(criteria, formdata=None, **kw) -> Form:
    """A form with `score_<id>` and `motivering_<id>` for every judged criterion, the recommendation and
    its explanation."""

    class ScoreForm(Form):
        advies = RadioField(
            "Uw advies aan de directeur-bestuurder",
            choices=keuzes((a.value, a.label) for a in Advies),
            validate_choice=False,
            validators=[_advies_gekozen],
        )
        advies_toelichting = TextAreaField("Toelichting op uw advies", validators=[Optional(), MAX_TEKST])

        def validate(self, extra_validators=None) -> bool:
            ok = super().validate(extra_validators)
            for c in criteria:
                score, motivering = self[f"score_{c.id}"], self[f"motivering_{c.id}"]
                if not score.errors and (fout := rules.motivering_fout(score.data, motivering.data or "")):
                    motivering.errors = [*motivering.errors, fout]
                    ok = False
            return ok

        def scores(self) -> dict[int, tuple[int | None, str]]:
            return {
                c.id: (self[f"score_{c.id}"].data, self[f"motivering_{c.id}"].data or "") for c in criteria
            }

    for c in criteria:
        setattr(
            ScoreForm,
            f"score_{c.id}",
            score_veld(f"Score criterium {c.nummer}", tuple(c.rubriek(i) for i in range(4))),
        )
        setattr(
            ScoreForm,
            f"motivering_{c.id}",
            TextAreaField(f"Motivering criterium {c.nummer}", validators=[Optional(), MAX_TEKST]),
        )
    return ScoreForm(formdata=formdata, **kw) if formdata is not None else ScoreForm(**kw)


class HerzieningForm(Form):
    score = score_veld("Nieuwe score", ("niet", "onvoldoende", "voldoende", "goed"))
    motivering = TextAreaField("Motivering", validators=[Optional(), MAX_TEKST])
    reden = TextAreaField(
        "Reden van de herziening",
        validators=[InputRequired("Geef de reden van de herziening."), MAX_TEKST],
    )

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if not self.score.errors and (
            fout := rules.motivering_fout(self.score.data, self.motivering.data or "")
        ):
            self.motivering.errors = [*self.motivering.errors, fout]
            ok = False
        return ok
