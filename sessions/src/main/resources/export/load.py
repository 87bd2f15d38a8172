"""Load a Factorspel CSV export with the right types and join its files.

    python3 load.py factorspel-<id>.zip      # prints what it read
    >>> import load; data = load.load("factorspel-<id>.zip")

`load(path)` reads a zip (or a folder of the unzipped files) and returns a dict from file name
without ".csv" ("placements", "events", ...) to a table: a pandas DataFrame when pandas is installed,
else a list of dicts. Types come from codebook.csv: integer -> int, decimal -> float, boolean -> bool,
timestamp -> timezone-aware datetime (UTC), text -> str (categorical in pandas for the columns in
CATEGORIES); an empty cell is None (NaN/NaT/<NA> in pandas). "statements" is the list of statement
texts. `joined(data)` adds "placements_joined": every placement with its card, its round's profile
and respondent, and the participant who laid it.

Text cells that began with = + - @, a tab or a carriage return carry a leading apostrophe in the
files (so no spreadsheet runs them as formulas); this loader keeps it, so a text is never changed
by guessing. Set FACTORSPEL_NO_PANDAS=1 to get lists of dicts even when pandas is installed.
"""
import csv
import datetime
import io
import os
import sys
import zipfile

CATEGORIES = {
    "side", "first_side", "respondent_seat", "seat", "subject_seat", "kind", "stream", "type", "role",
    "category_id", "card_id", "profile_id", "outcome_id", "question_id", "question_in_force", "phase", "view",
}


def _files(path):
    """File name -> bytes of every file in the zip or folder."""
    if os.path.isdir(path):
        return {n: open(os.path.join(path, n), "rb").read() for n in os.listdir(path)}
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _rows(data):
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _timestamp(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


_CONVERT = {
    "integer": int,
    "decimal": float,
    "boolean": lambda t: t == "true",
    "timestamp": _timestamp,
    "text": str,
}


def _pandas():
    if os.environ.get("FACTORSPEL_NO_PANDAS"):
        return None
    try:
        import pandas
        return pandas
    except ImportError:
        return None


def load(path):
    files = _files(path)
    types = {}
    for r in _rows(files["codebook.csv"]):
        types.setdefault(r["file"], {})[r["column"]] = r["type"]
    pd = _pandas()
    data = {}
    for name, columns in types.items():
        raw = files[name]
        key = name[:-len(".csv")]
        if pd is None:
            table = []
            for row in _rows(raw):
                table.append({c: (None if v == "" else _CONVERT[columns[c]](v)) for c, v in row.items()})
            data[key] = table
        else:
            frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)
            for c, t in columns.items():
                s = frame[c].mask(frame[c] == "")
                if t == "integer":
                    frame[c] = pd.to_numeric(s).astype("Int64")
                elif t == "decimal":
                    frame[c] = pd.to_numeric(s).astype("float64")
                elif t == "boolean":
                    frame[c] = s.map({"true": True, "false": False}).astype("boolean")
                elif t == "timestamp":
                    frame[c] = pd.to_datetime(s, utc=True)
                elif c in CATEGORIES:
                    frame[c] = s.astype("category")
                else:
                    frame[c] = s
            data[key] = frame
    data["statements"] = files["statements.txt"].decode("utf-8").splitlines()
    return data


def joined(data):
    """Adds "placements_joined": placements with card, round (profile, respondent) and placer.

    Joins are within a workshop (a study's files hold many; participant keys are per workshop)."""
    pd = _pandas()
    if pd is not None and not isinstance(data["placements"], list):
        by_card = ["workshop_id", "card_id"] if "workshop_id" in data["cards"].columns else ["card_id"]
        p = data["placements"].merge(data["cards"][by_card + ["statement", "copies"]], on=by_card, how="left")
        rounds = data["profiles"][["workshop_id", "table", "round", "profile_id", "respondent_key"]]
        p = p.merge(rounds, on=["workshop_id", "table", "round"], how="left")
        people = data["participants"].drop(columns=["table"]).rename(columns={"workshop_id": "placer_workshop_id"})
        people = people.rename(columns={c: "placer_" + c for c in people.columns if c != "placer_workshop_id"})
        p = p.merge(people, left_on=["workshop_id", "placed_by_key"],
                    right_on=["placer_workshop_id", "placer_participant_key"], how="left").drop(columns=["placer_workshop_id"])
        data["placements_joined"] = p
        return data
    cards = {(c.get("workshop_id"), c["card_id"]): c for c in data["cards"]}
    rounds = {(r["workshop_id"], r["table"], r["round"]): r for r in data["profiles"]}
    people = {(p["workshop_id"], p["participant_key"]): p for p in data["participants"]}
    out = []
    for p in data["placements"]:
        row = dict(p)
        card = cards.get((p["workshop_id"], p["card_id"])) or cards.get((None, p["card_id"]), {})
        row["statement"] = card.get("statement")
        row["copies"] = card.get("copies")
        r = rounds.get((p["workshop_id"], p["table"], p["round"]), {})
        row["profile_id"] = r.get("profile_id")
        row["respondent_key"] = r.get("respondent_key")
        for k, v in people.get((p["workshop_id"], p["placed_by_key"]), {}).items():
            if k not in ("workshop_id", "table"):
                row["placer_" + k] = v
        out.append(row)
    data["placements_joined"] = out
    return data


def main(argv):
    if len(argv) != 2:
        print(__doc__)
        return 2
    data = joined(load(argv[1]))
    for name, table in data.items():
        print(f"{name}: {len(table)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
