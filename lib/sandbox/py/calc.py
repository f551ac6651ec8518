"""openedx-calc's `calc` module for course code: `evaluator` runs Atrium's calculator
(lib/capa/calc.ts, the same one numerical/formula grading uses) through the sandbox bridge."""
import json as _json
import math as _math

from _atrium_calc import evaluate as _evaluate


class UndefinedVariable(Exception):
    pass


class UnmatchedParenthesis(Exception):
    pass


_ERRORS = {"undefined": UndefinedVariable, "parens": UnmatchedParenthesis}


def evaluator(variables, functions, math_expr, case_sensitive=False):
    """calc.evaluator(variables, functions, math_expr, case_sensitive=False)."""
    if functions:
        raise NotImplementedError("custom functions in calc.evaluator are not supported here")
    vars_ = {}
    for k, v in (variables or {}).items():
        if isinstance(v, complex):
            raise NotImplementedError("complex variables in calc.evaluator are not supported here")
        vars_[str(k)] = float(v)
    out = _json.loads(str(_evaluate(str(math_expr), _json.dumps(vars_), bool(case_sensitive))))
    if "error" in out:
        exc = _ERRORS.get(out["error"])
        if exc is not None:
            raise exc(out["message"])
        if out["error"] == "math":
            raise ZeroDivisionError(out["message"]) if "division" in out["message"] else ValueError(out["message"])
        raise SyntaxError(out["message"])
    re_, im = out["re"], out["im"]
    re_ = _math.nan if re_ is None else re_
    if out["complex"]:
        return complex(re_, im if im is not None else _math.nan)
    if out["int"] and re_ == int(re_):
        return int(re_)
    return float(re_)
