"""Only what pyproject.toml cannot say: templates/ sits beside the package, a wheel ships it inside it.

pyproject's `packages.find` cannot add a package from another folder, so the packages are found here."""

from setuptools import find_namespace_packages, setup

setup(
    packages=[
        *find_namespace_packages(include=["wijkportaal*", "ledger*", "maps*"]),
        "wijkportaal.templates",
    ],
    package_dir={"wijkportaal.templates": "templates"},
)
