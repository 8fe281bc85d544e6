"""Ruling edges from pdfium's path objects, shaped as pdfminer and pdfplumber shape them.

pdfplumber finds tables from the edges of the lines, rectangles and curves pdfminer makes
of a page's paths. pdfium holds the same paths: each painted path object with its points
and the matrix placing it on the page, inside any form it is drawn in. Walking them and
applying pdfminer's rules (one segment is a line, a closed axis-aligned four-sided
subpath a rectangle, anything else a curve) gives pdfplumber's edges without a pdfminer
parse of the page.
"""

from __future__ import annotations

import ctypes

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]

_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# Forms drawn inside forms deeper than this are not walked (pypdfium2's own limit).
_MAX_DEPTH = 15


def page_edges(page) -> list[dict]:
    """The page's edges as pdfplumber's `Page.edges` lists them: lines, then rectangle sides, then curve steps."""
    import pypdfium2.raw as pdfium_c

    height = page.get_height()
    lines: list[dict] = []
    rects: list[dict] = []
    curves: list[dict] = []
    for points_ops in _painted_paths(pdfium_c, page.raw, pdfium_c.FPDFPage_CountObjects,
                                     pdfium_c.FPDFPage_GetObject, _IDENTITY, 0):
        for kind, pts in _shapes(points_ops):
            if kind == "line":
                lines.append(_line_edge(pts, height))
            elif kind == "rect":
                rects.extend(_rect_edges(pts, height))
            else:
                curves.extend(_curve_edges(pts, height))
    return lines + rects + curves


def _painted_paths(pdfium_c, parent, count, get, matrix: Matrix, depth: int):
    """Each stroked or filled path under `parent` as (op, point) pairs in page coordinates."""
    for index in range(count(parent)):
        obj = get(parent, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH and _painted(pdfium_c, obj):
            yield _path_ops(pdfium_c, obj, _times(_matrix(pdfium_c, obj), matrix))
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_DEPTH - 1:
            yield from _painted_paths(pdfium_c, obj, pdfium_c.FPDFFormObj_CountObjects,
                                      pdfium_c.FPDFFormObj_GetObject, _times(_matrix(pdfium_c, obj), matrix),
                                      depth + 1)


def _painted(pdfium_c, obj) -> bool:
    """pdfminer makes nothing of a path that is neither filled nor stroked (a clipping path)."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke):
        return True
    return bool(stroke.value) or fill.value != pdfium_c.FPDF_FILLMODE_NONE


def _matrix(pdfium_c, obj) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _times(inner: Matrix, outer: Matrix) -> Matrix:
    """`inner` then `outer`, as a PDF content stream concatenates matrices."""
    a1, b1, c1, d1, e1, f1 = inner
    a0, b0, c0, d0, e0, f0 = outer
    return (a1 * a0 + b1 * c0, a1 * b0 + b1 * d0, c1 * a0 + d1 * c0, c1 * b0 + d1 * d0,
            e1 * a0 + f1 * c0 + e0, e1 * b0 + f1 * d0 + f0)


def _path_ops(pdfium_c, obj, matrix: Matrix) -> list[tuple[str, Point]]:
    """The path as pdfminer records it: m, l, c (one per Bézier's end point) and h (close)."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    ops: list[tuple[str, Point]] = []
    bezier_points = 0
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier_points += 1  # pdfium lists both control points and the end point; pdfminer keeps the end
            if bezier_points % 3:
                continue
            ops.append(("c", point))
        else:
            bezier_points = 0
            ops.append(("m" if kind == pdfium_c.FPDF_SEGMENT_MOVETO else "l", point))
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            ops.append(("h", point))
    return ops


def _shapes(ops: list[tuple[str, Point]]):
    """pdfminer's `paint_path`: each subpath as ("line" | "rect" | "curve", points)."""
    if not ops or ops[0][0] != "m":
        return
    starts = [i for i, (op, _) in enumerate(ops) if op == "m"] + [len(ops)]
    for begin, end in zip(starts, starts[1:], strict=False):
        if end - begin > 1 or len(starts) == 2:  # pdfminer skips a lone move among several subpaths
            yield _shape(ops[begin:end])


def _shape(subpath: list[tuple[str, Point]]) -> tuple[str, list[Point]]:
    shape = "".join(op for op, _ in subpath)
    pts = [subpath[0][1] if op == "h" else point for op, point in subpath]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        return "line", pts[:2]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return "rect", [pts[0], pts[2]]
    return "curve", pts


def _box(pts: list[Point], height: float) -> dict:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    return {"x0": x0, "x1": x1, "y0": y0, "y1": y1, "top": height - y1, "bottom": height - y0,
            "doctop": height - y1, "width": x1 - x0, "height": y1 - y0}


def _line_edge(pts: list[Point], height: float) -> dict:
    edge = _box(pts, height)
    edge["object_type"] = "line"
    edge["orientation"] = "h" if edge["top"] == edge["bottom"] else "v"
    return edge


def _rect_edges(pts: list[Point], height: float) -> list[dict]:
    """pdfplumber's `rect_to_edges`: top, bottom, left and right sides."""
    rect = {**_box(pts, height), "object_type": "rect_edge"}
    return [
        {**rect, "height": 0, "y0": rect["y1"], "bottom": rect["top"], "orientation": "h"},
        {**rect, "height": 0, "y1": rect["y0"], "top": rect["top"] + rect["height"], "doctop": rect["doctop"] + rect["height"],
         "orientation": "h"},
        {**rect, "width": 0, "x1": rect["x0"], "orientation": "v"},
        {**rect, "width": 0, "x0": rect["x1"], "orientation": "v"},
    ]


def _curve_edges(pts: list[Point], height: float) -> list[dict]:
    """pdfplumber's `curve_to_edges`: one edge from each point to the next."""
    page_pts = [(x, height - y) for x, y in pts]
    return [{"object_type": "curve_edge", "x0": min(p0[0], p1[0]), "x1": max(p0[0], p1[0]),
             "top": min(p0[1], p1[1]), "doctop": min(p0[1], p1[1]), "bottom": max(p0[1], p1[1]),
             "width": abs(p0[0] - p1[0]), "height": abs(p0[1] - p1[1]),
             "orientation": "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)}
            for p0, p1 in zip(page_pts, page_pts[1:], strict=False)]
