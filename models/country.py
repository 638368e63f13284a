from __future__ import annotations

from sqlalchemy import CHAR, SmallInteger, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class Country(Base):
    """Every ISO 3166-1 country, loaded from seeds/countries.csv."""

    __tablename__ = "countries"
    __table_args__ = {
        "comment": "Every ISO 3166-1 country (reference data from seeds/countries.csv)."
    }

    iso3: Mapped[str] = mapped_column(
        CHAR(3), primary_key=True, comment="ISO 3166-1 alpha-3 code, e.g. CHN."
    )
    iso2: Mapped[str] = mapped_column(
        CHAR(2), unique=True, comment="ISO 3166-1 alpha-2 code, e.g. CN."
    )
    numeric_code: Mapped[int | None] = mapped_column(
        SmallInteger, comment="ISO 3166-1 numeric code."
    )
    name: Mapped[str] = mapped_column(Text, comment="Short English name in common use.")
    official_name: Mapped[str | None] = mapped_column(Text, comment="Official name.")
    common_name: Mapped[str | None] = mapped_column(Text, comment="Other common short name.")
    region: Mapped[str | None] = mapped_column(Text, comment="UN M49 region, e.g. Asia.")
    subregion: Mapped[str | None] = mapped_column(
        Text, comment="UN M49 subregion, e.g. Eastern Asia."
    )
