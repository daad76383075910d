"""The open 公文 checkers' rule classes and fazhi's answer to each (data/peers.yaml)."""

from __future__ import annotations

from typing import NamedTuple

from generator.resources import DATA, load_data

PEERS = DATA / "peers.yaml"


class PeerClass(NamedTuple):
    """One class of a peer checker: the rules that cover it, or why fazhi does not."""

    peer: str
    name: str
    covered: tuple[str, ...] = ()
    why_not: str = ""
    differs: str = ""

    def as_dict(self) -> dict:
        return {
            "peer": self.peer,
            "name": self.name,
            "covered": list(self.covered),
            "not_covered": self.why_not,
            "differs": self.differs,
        }

    def line(self) -> str:
        """One line for `fazhi rules --peers`."""
        answer = "、".join(self.covered) if self.covered else f"不收：{self.why_not}"
        if self.covered and self.why_not:
            answer += f"（{self.why_not}）"
        text = f"{self.peer}  {self.name}\n    → {answer}"
        return text + (f"\n    与国标不同之处：{self.differs}" if self.differs else "")


def peer_classes() -> list[PeerClass]:
    """Every class in data/peers.yaml, in the file's order."""
    return [
        PeerClass(c["peer"], c["name"], tuple(c.get("covered") or ()), c.get("not", ""), c.get("differs", ""))
        for c in load_data(PEERS)["classes"]
    ]
