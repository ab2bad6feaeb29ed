"""The small frozen records that flow through the extraction pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A piece of the article: ``text[start:end] == self.text``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        """The gold-format JSON shape of a span."""
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Quote:
    """One quotation found in an article, with who said it.

    ``start``/``end``/``text`` cover what stands between the quotation marks.
    ``speaker`` is the resolved full name, or None when the text does not
    settle who spoke; ``mention`` is where the speaker is referred to at the
    quote ("he", "Blinken", "the top American diplomat"); ``cue`` is the
    reporting verb or phrase; ``method`` says how the speaker was found.
    """

    start: int
    end: int
    text: str
    speaker: str | None = None
    mention: Span | None = None
    cue: Span | None = None
    confidence: float = 0.0
    method: str = "none"
    closed: bool = True
    speaker_kind: str | None = None  # "person" or "organisation"
    roles: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        """The gold-format JSON shape of this quote (extra keys allowed)."""
        d = {"start": self.start, "end": self.end, "text": self.text, "speaker": self.speaker}
        if self.mention is not None:
            d["mention"] = self.mention.to_dict()
        if self.cue is not None:
            d["cue"] = self.cue.to_dict()
        d["confidence"] = round(self.confidence, 3)
        d["method"] = self.method
        if not self.closed:
            d["closed"] = False
        if self.speaker_kind:
            d["speaker_kind"] = self.speaker_kind
        if self.roles:
            d["roles"] = list(self.roles)
        return d
