"""The mixed request load of :mod:`bench.bench_load`: request lists per endpoint, wrk Lua scripts, wrk results.

Each endpoint gets its own wrk process (one thread, ``connections`` keep-alive connections)
whose Lua script cycles through a list of requests built from the served graph's real forms.
The script counts every answer outside 2xx itself (wrk's own "Non-2xx or 3xx" line lets
3xx through) and prints one JSON line with the figures when wrk is done.
"""

from __future__ import annotations

import json
import random
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx

PREFIXES = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "PREFIX skosxl: <http://www.w3.org/2008/05/skos-xl#> ")
FORM_LANGS = {"ko": "Hangul", "zh-Hans": "hanzi", "zh-Latn-pinyin": "pinyin"}
ENDPOINTS = ("lookup", "term page", "annotate", "sparql")
SAMPLE = 200  # forms per language drawn from the graph
MARK = "LOADJSON "

LUA = r"""
local items = %(items)s
local reqs = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for i, it in ipairs(items) do
    reqs[i] = wrk.format(it[1], it[2], it[3], it[4])
  end
  at = 0
  bad = 0
  statuses = ""
end

function request()
  at = at %% #reqs + 1
  return reqs[at]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    bad = bad + 1
    if #statuses < 200 then statuses = statuses .. status .. " " end
  end
end

function done(summary, latency, requests)
  local non2xx, seen = 0, ""
  for _, t in ipairs(threads) do
    non2xx = non2xx + t:get("bad")
    seen = seen .. t:get("statuses")
  end
  local e = summary.errors
  io.write(string.format(
    '%(mark)s{"requests": %%d, "seconds": %%.3f, "bytes": %%d, "p50_us": %%d, "p99_us": %%d, "max_us": %%d, '
    .. '"non2xx": %%d, "statuses": "%%s", "connect": %%d, "read": %%d, "write": %%d, "timeout": %%d}\n',
    summary.requests, summary.duration / 1e6, summary.bytes, latency:percentile(50), latency:percentile(99),
    latency.max, non2xx, seen, e.connect, e.read, e.write, e.timeout))
end
"""


@dataclass(frozen=True)
class Request:
    """One HTTP request of the mix."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...] = ()
    body: str | None = None


@dataclass
class Result:
    """What one wrk process measured for one endpoint."""

    endpoint: str
    connections: int
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    non2xx: int
    statuses: str
    socket_errors: dict[str, int]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def errors(self) -> int:
        return self.non2xx + sum(self.socket_errors.values())


def sample_forms(base_url: str, rnd: random.Random) -> tuple[dict[str, list[str]], list[str]]:
    """Preferred forms per language and term slugs, read from the server's own /sparql endpoint."""
    forms: dict[str, list[str]] = {}
    slugs: set[str] = set()
    for lang in FORM_LANGS:
        query = (PREFIXES + f'SELECT ?t ?f WHERE {{ ?t skos:prefLabel ?f FILTER(LANGMATCHES(LANG(?f), "{lang}")) }} '
                 f"LIMIT {SAMPLE * 5}")
        r = httpx.get(base_url + "/sparql", params={"query": query}, timeout=120,
                      headers={"Accept": "application/sparql-results+json"})
        r.raise_for_status()
        rows = [row for row in r.json()["results"]["bindings"] if "/term/" in row["t"]["value"]]  # not topics
        picked = rnd.sample(rows, min(SAMPLE, len(rows)))
        forms[lang] = [row["f"]["value"] for row in picked]
        slugs.update(row["t"]["value"].rsplit("/term/", 1)[1] for row in picked)
    if not all(forms.values()):
        raise RuntimeError(f"the graph lacks preferred forms in some language: { {k: len(v) for k, v in forms.items()} }")
    return forms, sorted(slugs)


def paragraph(forms: dict[str, list[str]], rnd: random.Random, chars: int) -> str:
    """About ``chars`` characters of Korean prose naming known terms in Korean and Chinese."""
    parts: list[str] = []
    while sum(map(len, parts)) < chars:
        parts.append(f"{rnd.choice(forms['ko'])}({rnd.choice(forms['zh-Hans'])})을 적극 추진하고 관련 정책을 강화한다. ")
    return "".join(parts)[:chars]


def mix(forms: dict[str, list[str]], slugs: list[str], rnd: random.Random,
        annotate_chars: int) -> dict[str, list[Request]]:
    """The request list of every endpoint."""
    html = (("Accept", "text/html"),)
    results = (("Accept", "application/sparql-results+json"), ("Cache-Control", "no-cache"))
    lookups = [Request("GET", "/api/terms?" + urlencode({"q": f})) for fs in forms.values() for f in fs]
    rnd.shuffle(lookups)
    labels = [(f, "zh-Hans") for f in forms["zh-Hans"][:50]] + [(f, "ko") for f in forms["ko"][:50]]
    return {
        "lookup": lookups,
        "term page": [Request("GET", "/term/" + quote(s), html) for s in slugs],
        "annotate": [Request("POST", "/api/annotate", (("Content-Type", "application/json"),),
                             json.dumps({"text": paragraph(forms, rnd, annotate_chars)}, ensure_ascii=False))
                     for _ in range(20)],
        # the label lookup a named query makes, evaluated each time (no-cache) rather than answered from the cache
        "sparql": [Request("GET", "/sparql?" + urlencode({"query": PREFIXES + "SELECT ?t WHERE { ?t skos:prefLabel "
                                                          + json.dumps(f, ensure_ascii=False) + f"@{lang} }}"}),
                           results)
                   for f, lang in labels],
    }


def _lua_string(text: str) -> str:
    level = 0
    while f"]{'=' * level}]" in text:
        level += 1
    return f"[{'=' * level}[{text}]{'=' * level}]"


def lua_script(requests: list[Request]) -> str:
    """A wrk script that cycles through ``requests`` and prints the figures as one JSON line."""
    rows = []
    for r in requests:
        headers = "{" + ", ".join(f"[ {_lua_string(k)} ] = {_lua_string(v)}" for k, v in r.headers) + "}"
        body = _lua_string(r.body) if r.body is not None else "nil"
        rows.append(f"  {{{_lua_string(r.method)}, {_lua_string(r.path)}, {headers}, {body}}}")
    return LUA % {"items": "{\n" + ",\n".join(rows) + "\n}", "mark": MARK}


def check(base_url: str, requests: dict[str, list[Request]]) -> None:
    """Send each endpoint's first request once; fail with the answer when it is not 2xx."""
    with httpx.Client(base_url=base_url, timeout=120) as client:
        for endpoint, reqs in requests.items():
            r = reqs[0]
            answer = client.request(r.method, r.path, headers=dict(r.headers), content=r.body)
            if not answer.is_success:
                raise RuntimeError(f"{endpoint}: {r.method} {r.path[:80]} answered {answer.status_code}: "
                                   f"{answer.text[:300]}")


def run_all(base_url: str, requests: dict[str, list[Request]], connections: int, seconds: int,
            timeout: int) -> list[Result]:
    """One wrk per endpoint, all at once for ``seconds``; the results in endpoint order."""
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        procs = {}
        for endpoint, reqs in requests.items():
            script = Path(tmp) / f"{endpoint.replace(' ', '_')}.lua"
            script.write_text(lua_script(reqs), encoding="utf-8")
            procs[endpoint] = subprocess.Popen(
                ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout}s", "-s", str(script),
                 base_url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        return [_result(endpoint, connections, *proc.communicate()) for endpoint, proc in procs.items()]


def _result(endpoint: str, connections: int, out: str, err: str) -> Result:
    line = next((ln for ln in out.splitlines() if ln.startswith(MARK)), None)
    if line is None:
        raise RuntimeError(f"wrk for {endpoint} printed no figures:\n{out[-1000:]}\n{err[-1000:]}")
    d = json.loads(line[len(MARK):])
    return Result(endpoint, connections, d["requests"], d["seconds"], d["p50_us"] / 1e3, d["p99_us"] / 1e3,
                  d["max_us"] / 1e3, d["non2xx"], d["statuses"].strip(),
                  {k: d[k] for k in ("connect", "read", "write", "timeout")})
