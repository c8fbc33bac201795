"""Fiscal-quarter arithmetic shared by the peer-benchmark helpers.

Exists so every converter (hledger journal, TaskJuggler project, checkers) maps vcio's
quarters ("FY2027-Q1", July start) to dates and back the same way, and reproduces vcio's
integer-cent splits (`budget::split_even`) exactly.
"""
import datetime as dt


def q_index(label):
    """'FY2027-Q1' -> quarters since FY0-Q1 (vcio's Quarter::index)."""
    fy, q = label.split("-")
    return int(fy[2:]) * 4 + int(q[1:]) - 1


def q_label(index):
    return f"FY{index // 4}-Q{index % 4 + 1}"


def q_first_day(index):
    """First calendar day of a fiscal quarter with a July fiscal-year start."""
    fy, q = divmod(index, 4)
    month0 = (fy - 1) * 12 + 6 + 3 * q  # July of the previous calendar year, 0-based months
    return dt.date(month0 // 12, month0 % 12 + 1, 1)


def fy_of_date(d):
    return d.year + 1 if d.month >= 7 else d.year


def split_even(total, n, k):
    """vcio's budget::split_even with Rust's truncating integer division."""
    if n <= 0:
        return 0
    return _div(total * (k + 1), n) - _div(total * k, n)


def _div(a, b):
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def horizon(as_of, years):
    """(first, last) quarter indexes of vcio's horizon: FY of as_of .. +years-1, Q1..Q4."""
    fy = fy_of_date(as_of)
    return fy * 4, (fy + years - 1) * 4 + 3


def now_quarter(as_of):
    fy = fy_of_date(as_of)
    month_in_fy = (as_of.month - 7) % 12
    return fy * 4 + month_in_fy // 3


def cost_lines(ini, first_q, last_q):
    """Yield (quarter index, cents) exactly as vcio's budget::roll_up spends an initiative:
    one-time cost split evenly over its quarters, recurring annual cost from the quarter after
    it ends split evenly over the four fiscal quarters. Only quarters in the horizon count."""
    start = q_index(ini["start"])
    n = max(1, ini["duration"])
    for k in range(n):
        q = start + k
        if first_q <= q <= last_q:
            yield q, split_even(ini.get("one_time_cents", 0), n, k)
    rec = ini.get("recurring_cents", 0)
    if rec > 0:
        for q in range(max(start + n, first_q), last_q + 1):
            yield q, split_even(rec, 4, q % 4)
