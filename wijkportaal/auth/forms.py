from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Length

from wijkportaal.core.forms import Form as FlaskForm


class LoginForm(FlaskForm):
    email = EmailField("E-mailadres", validators=[DataRequired("Vul uw e-mailadres in."), Length(max=254)])
    wachtwoord = PasswordField(
        "Wachtwoord", validators=[DataRequired("Vul uw wachtwoord in."), Length(max=200)]
    )
    submit = SubmitField("Inloggen")
