"""Runs one Open edX problem job inside the Pyodide sandbox (lib/sandbox/child.mjs).

A job is JSON: the problem's concatenated <script> code, the seed, and the customresponse checks
to run. It mirrors capa: the script runs with Open edX's prelude (random2 seeded with the problem
seed, lazy math), only JSON-safe globals survive, `$name` values are str() of them, and each
check function call re-runs the whole script with a freshly seeded random.
"""
import json as _json
import math as _math
import sys as _sys
import types as _types

_random2 = __import__("random2")

_BLOCKED_MODULES = ("_atrium_calc", "js", "pyodide", "pyodide_js", "_pyodide", "_pyodide_core", "pyodide_http",
                    "ctypes", "_ctypes", "socket", "_socket", "subprocess", "_posixsubprocess",
                    "select", "ssl", "_ssl", "urllib.request", "http.client", "multiprocessing",
                    "asyncio", "micropip")
_BLOCKED_EVENTS = ("os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty",
                   "os.kill", "os.killpg", "subprocess.Popen", "socket.", "ctypes.", "os.remove",
                   "os.rename", "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "os.truncate",
                   "os.symlink", "os.link", "webbrowser", "sys.addaudithook",
                   "urllib.Request", "code.__new__", "sys._getframe", "object.__getattr__")
_state = {"active": False, "allowed_zip": None}


class SandboxViolation(Exception):
    pass


def _audit(event, args):
    if not _state["active"]:
        return
    if event == "import":
        name = args[0] or ""
        for b in _BLOCKED_MODULES:
            if name == b or name.startswith(b + "."):
                raise SandboxViolation("import of %s is not allowed in course code" % name)
        return
    if event == "open":
        path = str(args[0]) if args and args[0] is not None else ""
        mode = args[1] if len(args) > 1 else "r"
        writing = isinstance(mode, str) and any(c in mode for c in "wax+")
        if isinstance(mode, int):
            writing = bool(mode & 3)
        allowed_zip = _state["allowed_zip"]
        readable = path.startswith("/lib/python") or (allowed_zip is not None and path == allowed_zip)
        if writing or not readable:
            raise SandboxViolation("file access is not allowed in course code: %s" % path)
        return
    for b in _BLOCKED_EVENTS:
        if event == b or (b.endswith(".") and event.startswith(b)):
            raise SandboxViolation("%s is not allowed in course code" % event)


try:
    import calc as _calc  # the bridge module is imported before the audit hook
    _calc.evaluator({"x": 1}, {}, "2*x^2 + sqrt(16)/3")
except ImportError:
    _calc = None
_sys.addaudithook(_audit)
# Course code must not reach the JS side of Pyodide.
for _m in ("js", "pyodide_js"):
    _sys.modules.pop(_m, None)


class _LazyModule(_types.ModuleType):
    """codejail's LazyModule: imports `modname` on first attribute access."""

    def __init__(self, modname):
        super().__init__(modname)
        self.__dict__["_lazy_name"] = modname

    def __getattr__(self, name):
        mod = __import__(self.__dict__["_lazy_name"], fromlist=["*"])
        return getattr(mod, name)


def _fresh_globals(seed, extra):
    """Open edX's safe_exec prelude, then the given globals."""
    rnd = _random2.Random(seed)
    rnd.Random = _random2.Random
    rnd.SystemRandom = _random2.SystemRandom
    _sys.modules["random"] = rnd
    _sys.modules["random2"] = _random2
    g = {"__name__": "__main__", "__builtins__": __builtins__, "random": rnd, "random_module": _random2,
         "xrange": range, "math": _LazyModule("math"), "calc": _LazyModule("calc")}
    g.update(extra)
    return g


def _json_safe(d):
    """codejail json_safe: keep only values that survive a JSON round trip."""
    out = {}
    for k, v in d.items():
        if k.startswith("__") or isinstance(v, (_types.ModuleType, _types.FunctionType, type)):
            continue
        try:
            out[k] = _json.loads(_json.dumps(v))
        except Exception:
            continue
    return out


def contextualize_text(text, context):
    """capa util.contextualize_text: `$name` -> str(value), longest names first."""
    if not text:
        return text
    for key in sorted(context, key=len, reverse=True):
        ck = "$" + key
        if ck in text:
            text = text.replace(ck, str(context[key]))
    return text


def _err(e):
    name = type(e).__name__
    if isinstance(e, KeyboardInterrupt):
        return "the code ran longer than the time limit"
    if isinstance(e, MemoryError):
        return "the code used more memory than allowed"
    if isinstance(e, RecursionError):
        return "RecursionError: maximum recursion depth exceeded"
    return "%s: %s" % (name, e)


def _exec(code, g, label):
    modules_before = set(_sys.modules)
    # Blocked modules already loaded (by Pyodide or the runner) are hidden while course code runs,
    # so importing them goes through the audit hook.
    hidden = {m: _sys.modules.pop(m) for m in list(_sys.modules)
              if any(m == b or m.startswith(b + ".") for b in _BLOCKED_MODULES)}
    _state["active"] = True
    try:
        exec(compile(code, label, "exec"), g)
    finally:
        _state["active"] = False
        for m in set(_sys.modules) - modules_before:
            if m not in ("random", "random2"):
                _sys.modules.pop(m, None)
        _sys.modules.update(hidden)


def _ok_kind(ok):
    s = str(ok).lower().strip()
    if s == "false" or not ok:
        return "incorrect"
    if "partial" in s:
        return "partially-correct"
    return "correct"


def _check(job, c, context):
    """One customresponse: returns {correct, messages, overall_message, grade_decimals}."""
    n = len(c["idset"])
    submission = c["submission"]
    expect = contextualize_text(c.get("expect"), context)
    if c.get("cfn"):
        kwnames = (c.get("cfn_extra_args") or "").split()
        pc_context = dict(context)
        pc_context.update({"options": c.get("options"), "expect": expect, "submission": submission,
                           "idset": c["idset"], "answers": c.get("answers", {}), "response_id": c["id"]})
        kwargs = {k: pc_context.get(k) for k in kwnames}
        extra = "".join(", {0}={0}".format(k) for k in kwargs)
        code = job["script"] + "\ncfn_return = %s(expect, ans%s)\n" % (c["cfn"], extra)
        g = _fresh_globals(job["seed"], {"expect": expect, "ans": submission[0] if n == 1 else submission})
        g.update(kwargs)
        _exec(code, g, "<check function %s>" % c["cfn"])
        ret = g.get("cfn_return")
        if isinstance(ret, dict):
            if "ok" in ret:
                kind = _ok_kind(ret["ok"])
                msg = ret.get("msg", None)
                out = {"correct": [kind] * n, "messages": [""] * n, "overall_message": ""}
                if n > 1:
                    out["overall_message"] = msg or ""
                else:
                    out["messages"][0] = msg or ""
                if "grade_decimal" in ret:
                    dec = float(ret["grade_decimal"])
                else:
                    dec = 1.0 if kind == "correct" else (0.5 if kind == "partially-correct" else 0.0)
                out["grade_decimals"] = [dec] * n
                return out
            if "input_list" in ret:
                correct, messages, decs = [], [], []
                for d in ret["input_list"]:
                    s = str(d["ok"]).lower().strip()
                    correct.append(_ok_kind(d["ok"]))
                    if "grade_decimal" in d:
                        decs.append(float(d["grade_decimal"]))
                    else:
                        decs.append(1.0 if s == "true" else (0.5 if "partial" in s else 0.0))
                    messages.append(d.get("msg", "") or "")
                return {"correct": correct, "messages": messages,
                        "overall_message": ret.get("overall_message", "") or "", "grade_decimals": decs}
            raise ValueError("CustomResponse: check function returned an invalid dictionary!")
        return {"correct": [_ok_kind(ret)] * n, "messages": [""] * n, "overall_message": ""}
    # <answer type="loncapa/python">: runs with the JSON-safe context only (no script functions).
    g = _fresh_globals(job["seed"], dict(context))
    g.update({"response_id": c["id"], "expect": expect, "submission": submission, "idset": c["idset"],
              "answers": c.get("answers", {}), "correct": ["unknown"] * n, "messages": [""] * n,
              "overall_message": "", "options": c.get("options"), "testdat": "hello world"})
    _exec(c.get("code") or "", g, "<answer>")
    out = {"correct": [str(x) for x in g.get("correct", [])], "messages": [str(m or "") for m in g.get("messages", [])],
           "overall_message": str(g.get("overall_message") or "")}
    if g.get("grade_decimals") is not None:
        out["grade_decimals"] = [float(x) for x in g["grade_decimals"]]
    return out


def run_job(job_json):
    job = _json.loads(job_json)
    _state["allowed_zip"] = job.get("python_lib")
    added_path = job.get("python_lib")
    if added_path:
        _sys.path.insert(0, added_path)
    try:
        base = {"seed": job["seed"], "anonymous_student_id": job.get("anonymous_student_id", "")}
        g = _fresh_globals(job["seed"], dict(base))
        try:
            _exec(job["script"], g, "<problem script>")
        except BaseException as e:
            return _json.dumps({"ok": False, "stage": "script", "message": _err(e)})
        context = _json_safe(g)
        for k in ("random", "random_module", "xrange", "math", "calc"):
            context.pop(k, None)
        strings = {k: str(v) for k, v in context.items()}
        results = []
        for c in job.get("checks", []):
            try:
                results.append({"ok": True, **_check(job, c, context)})
            except BaseException as e:
                results.append({"ok": False, "message": _err(e)})
        return _json.dumps({"ok": True, "strings": strings, "context": context, "results": results})
    finally:
        _state["allowed_zip"] = None
        if added_path and added_path in _sys.path:
            _sys.path.remove(added_path)
