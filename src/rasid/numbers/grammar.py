"""How adjacent number words combine into one value (Arabic order: units before tens).

The rules are about kinds of atoms (units, tens, hundreds, scale words, fractions); the words
themselves are data (``lang/ar/numbers.yaml``), read by :mod:`rasid.numbers.numerals`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(slots=True)
class Atom:
    """One number word or digit chain of the view (offsets are view positions)."""

    kind: str  # U units, T tens, TEEN, H hundreds, TU teen unit, D digits, S scale, F fraction, P point, ORD
    value: float
    start: int
    end: int
    conj: bool = False  # preceded by the connector ("and"), glued or standalone
    article: bool = False
    form: str = ""  # scale form: singular / dual / plural
    weak: bool = False
    text: str = ""
    prep: bool = False  # a preposition (or ف) glued before it: it starts a new expression


@dataclass(slots=True)
class Found:
    """A numeral in view coordinates, before mapping back to the original."""

    start: int
    end: int
    value: float
    kind: str
    scale: int | None
    atoms: list[Atom] = field(default_factory=list)

    @property
    def weak_only(self) -> bool:
        return all(a.weak for a in self.atoms)


# -- combination ------------------------------------------------------------------------------
class Builder:
    """Accumulates adjacent atoms into one numeral (Arabic order: units before tens)."""

    def __init__(self) -> None:
        self.atoms: list[Atom] = []
        self.used = 0  # atoms consumed (a pending teen unit or point is not)
        self.total = 0.0
        self.group: float | None = None
        self.slots: set[str] = set()
        self.last_scale = math.inf
        self.scale: int | None = None
        self.ordinal = False
        self.tens_seen = False
        self.pending: Atom | None = None
        self.done = False
        self.group_from: int | None = None  # where the group after the last scale word began

    def push(self, a: Atom) -> bool:
        after_scale = bool(self.atoms) and self.group is None and self.last_scale < math.inf
        if not self.atoms:
            ok = self._start(a)
        elif a.prep or (a.article and not self.atoms[0].article):
            ok = False  # «واحد بالمئة» is one per cent, not a hundred
        elif self.done:
            # "a million and a half million": the scale word repeated after the fraction
            ok = a.kind == "S" and a.value == self.last_scale and not a.conj and self.atoms[-1].kind == "F"
        elif self.pending is not None:
            ok = self._resolve_pending(a)
        else:
            ok = self._continue(a)
        if ok:
            if a.kind == "S":
                self.group_from = None
            elif after_scale and self.group is not None:
                self.group_from = len(self.atoms)
            self.atoms.append(a)
            if self.pending is None:
                self.used = len(self.atoms)
        return ok

    def retreat(self, failed: Atom) -> list[Atom]:
        """After ``failed`` was refused: the atoms to read again as the start of a new numeral.

        "11 مليونا و12 مليون": the 12 belongs to the next million, not to the first.
        """
        if failed.kind == "S" and self.group_from is not None and failed.value >= self.last_scale:
            leftovers = self.atoms[self.group_from : self.used]
            self.atoms = self.atoms[: self.group_from]
            self.used = self.group_from
            self.group = None
            self.pending = None
            self.group_from = None
            return leftovers
        return []

    def _start(self, a: Atom) -> bool:
        k = a.kind
        if k in ("D", "U", "T", "TEEN", "H", "F", "ORD"):
            self.group = a.value
            self.slots = {"D": {"d"}, "U": {"u"}, "ORD": {"u"}, "T": {"t"}, "TEEN": {"u", "t"},
                          "H": {"h"}, "F": {"f"}}[k]
            self.ordinal = k == "ORD"
            self.tens_seen = k == "TEEN" or (k == "T" and a.value >= 20)
        elif k == "TU":
            self.group = 0.0
            self.pending = a
        elif k == "S" and a.form in ("singular", "dual"):
            self.total = a.value * (2 if a.form == "dual" else 1)
            self.last_scale = a.value
            self.scale = int(a.value)
        else:
            return False
        return True

    def _resolve_pending(self, a: Atom) -> bool:
        tu = self.pending
        assert tu is not None
        if tu.kind == "TU" and a.kind == "T" and a.value == 10 and not a.conj:
            self.group = (self.group or 0.0) + tu.value + 10
            self.slots |= {"u", "t"}
            self.tens_seen = True
            self.pending = None
            return True
        return False

    def _continue(self, a: Atom) -> bool:
        k, v, s = a.kind, a.value, self.slots
        after_scale = self.group is None
        if "f" in s and k != "S":
            return False
        if k == "D":
            if after_scale and a.conj and v < self.last_scale and self.last_scale < math.inf:
                self.group, self.slots = v, {"d"}
                return True
            return False
        if "d" in s and k != "S":
            return k == "P" and self._point(a)
        if k == "U":
            if s & {"u", "t"} or (after_scale and not a.conj):
                return False
            self.group = (self.group or 0.0) + v
            s.add("u")
            return True
        if k == "T":
            if "t" in s:
                return False
            if "u" in s:
                if (v == 10) == a.conj:  # teen: no "and"; tens after units: "and"
                    return False
            elif after_scale and not a.conj:
                return False
            self.group = (self.group or 0.0) + v
            s.add("t")
            self.tens_seen = self.tens_seen or v >= 20 or "u" in s
            return True
        if k == "TEEN":
            if s & {"u", "t"} or (after_scale and not a.conj):
                return False
            self.group = (self.group or 0.0) + v
            s.update(("u", "t"))
            self.tens_seen = True
            return True
        if k == "H":
            if v == 100 and s == {"u"} and not a.conj and self.group and self.group < 10:
                self.group *= 100  # split form: three hundred
                self.slots = {"h"}
                return True
            if after_scale and a.conj:
                self.group, self.slots = v, {"h"}
                return True
            return False
        if k == "TU":
            if s & {"u", "t"} or (after_scale and not a.conj):
                return False
            self.pending = a
            return True
        if k == "S":
            return self._scale(a)
        if k == "F":
            if not a.conj:
                return False
            if after_scale:
                self.total += v * self.last_scale
                self.done = True
            else:
                self.group = (self.group or 0.0) + v
                self.slots = {"f"}
            return True
        if k == "P":
            return self._point(a)
        return False

    def _scale(self, a: Atom) -> bool:
        v = a.value
        if v >= self.last_scale or self.ordinal:
            return False
        if self.group is None:
            if a.form == "plural" or not a.conj:
                return False
            self.total += v * (2 if a.form == "dual" else 1)
        else:
            if a.conj or a.form == "dual":
                return False
            if a.form == "plural" and "d" not in self.slots and not (3 <= self.group <= 10):
                return False
            self.total += self.group * v
            self.group = None
            self.slots = set()
        self.last_scale = v
        self.scale = max(self.scale or 0, int(v))
        return True

    def _point(self, a: Atom) -> bool:
        if a.conj or self.last_scale < math.inf or self.group is None or self.group != int(self.group):
            return False
        self.pending = a
        self.done = False
        return True

    def take_fraction_digits(self, a: Atom) -> bool:
        """After a spoken decimal point: the digits after it."""
        if a.conj or a.kind not in ("D", "U") or a.value != int(a.value) or a.value < 0:
            return False
        digits = a.text if a.kind == "D" else str(int(a.value))
        self.group = (self.group or 0.0) + a.value / 10 ** len(digits)
        self.pending = None
        self.done = True
        self.atoms.append(a)
        self.used = len(self.atoms)
        return True

    def result(self) -> Found | None:
        atoms = self.atoms[: self.used]
        if not atoms:
            return None
        value = self.total + (self.group or 0.0)
        article = atoms[0].article
        kind = "ordinal" if self.ordinal or (article and self.tens_seen) else "cardinal"
        return Found(atoms[0].start, atoms[-1].end, value, kind, self.scale, atoms)
