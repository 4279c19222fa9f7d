"""Copies rapor's story files for a peer generator (hugo, zola or eleventy).

    python3 bench/peer_stories.py hugo|zola|eleventy SRC_DIR DEST_DIR

Drafts are left out (rapor does not publish them either). The front matter
keeps what the peers understand: title, date, summary and tags; Zola gets it
as TOML, with tags under [taxonomies], since it refuses unknown keys; Hugo
and Eleventy get YAML.
"""

import json
import os
import sys


def front_matter(text):
    lines = text.split("\n")
    assert lines[0].strip() == "---", "no front matter"
    end = lines.index("---", 1)
    fields = {}
    for line in lines[1:end]:
        if ":" in line and not line.startswith((" ", "-", "#")):
            key, _, value = line.partition(":")
            fields[key.strip()] = value.strip()
    return fields, "\n".join(lines[end + 1:])


def unquote(v):
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
        return v[1:-1]
    return v


def tags(v):
    v = v.strip()
    if not (v.startswith("[") and v.endswith("]")):
        return []
    return [unquote(t.strip()) for t in v[1:-1].split(",") if t.strip()]


def main():
    kind, src, dest = sys.argv[1:4]
    os.makedirs(dest, exist_ok=True)
    for name in sorted(os.listdir(src)):
        path = os.path.join(src, name)
        if os.path.isdir(path):
            path, name = os.path.join(path, "index.md"), name + ".md"
        if not name.endswith(".md"):
            continue
        with open(path, encoding="utf-8") as f:
            fields, body = front_matter(f.read())
        if fields.get("draft") == "true":
            continue
        title = unquote(fields.get("title", name))
        date = fields.get("date", "2025-01-01")
        summary = unquote(fields.get("summary", ""))
        t = tags(fields.get("tags", "[]"))
        if kind in ("hugo", "eleventy"):
            head = "---\n" + "".join(
                f"{k}: {json.dumps(v, ensure_ascii=False)}\n"
                for k, v in [("title", title), ("date", date), ("summary", summary), ("tags", t)]
            ) + "---\n"
        else:
            head = (
                "+++\n"
                f"title = {json.dumps(title, ensure_ascii=False)}\n"
                f"date = {date}\n"
                f"description = {json.dumps(summary, ensure_ascii=False)}\n"
                f"[taxonomies]\ntags = {json.dumps(t, ensure_ascii=False)}\n"
                "+++\n"
            )
        with open(os.path.join(dest, name), "w", encoding="utf-8") as f:
            f.write(head + body)


main()
