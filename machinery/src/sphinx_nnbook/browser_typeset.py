"""Browser checks of typeset math and code: never cut, in the site's own fonts.

Like :mod:`sphinx_nnbook.browser` (whose :class:`~sphinx_nnbook.browser.Recorder`
and pages they use), each ``check_*`` function returns a list of problems,
empty when the page is fine; the machinery's tests show each one failing on
a deliberately broken page.

A box whose content is wider than the box must let the reader reach all of
it: it scrolls (``overflow-x: auto`` or ``scroll``) *and* shows that it
does. Scrollbars are no such cue: phones and macOS hide them until one
scrolls (and headless Chromium never draws them). The cue these checks look
for is a scroll shadow: backgrounds that move with the content
(``background-attachment: local``) over shadows fixed at the box's edges
(``scroll``), so that an edge with more content beyond it is shaded
(``conf/_static/nnbook-math.css`` and ``nnbook.css``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

# Functions shared by the checks' scripts: is `el` a scroller, does it show
# a scroll shadow, and a short name for messages.
_HELPERS = """
const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
const hasCue = (el) => {
    const style = getComputedStyle(el);
    const attachments = style.backgroundAttachment.split(",").map((a) => a.trim());
    return style.backgroundImage.includes("gradient")
        && attachments.includes("local") && attachments.includes("scroll");
};
const describe = (el) => el.tagName.toLowerCase()
    + (typeof el.className === "string" && el.className.trim()
       ? "." + el.className.trim().split(/\\s+/).join(".") : "");
"""

_DISPLAY_MATH = (
    """() => {"""
    + _HELPERS
    + """
    const root = document.documentElement;
    const problems = [];
    const displays = document.querySelectorAll("div.math, .katex-display");
    for (const display of displays) {
        if (display.parentElement.closest("div.math, .katex-display")) continue;
        if (!display.checkVisibility()) continue;
        // What a reader sees: KaTeX's HTML, or the MathML the browser lays
        // out when there is none (KaTeX's MathML copy is visually hidden).
        const content = display.querySelector(".katex-html")
            || display.querySelector("math");
        if (!content) continue;
        // Every scroller starts at its left edge, as on a first view.
        for (let a = content; a && a !== root; a = a.parentElement) a.scrollLeft = 0;
        // The formula's extent: every part's box, cut to the boxes inside
        // the formula that clip it (KaTeX draws a brace as a wide SVG that
        // its own box clips).
        let left = Infinity, right = -Infinity;
        const walk = (el, low, high) => {
            for (const box of el.getClientRects()) {
                if (box.width === 0 && box.height === 0) continue;
                const l = Math.max(box.left, low), r = Math.min(box.right, high);
                if (r > l) { left = Math.min(left, l); right = Math.max(right, r); }
            }
            if (el !== content && getComputedStyle(el).overflowX !== "visible") {
                const box = el.getBoundingClientRect();
                low = Math.max(low, box.left);
                high = Math.min(high, box.right);
            }
            for (const child of el.children) walk(child, low, high);
        };
        walk(content, -Infinity, Infinity);
        if (left === Infinity) continue;
        const tex = content.querySelector("annotation");
        const label = content.textContent
            .slice(0, tex ? -tex.textContent.length || undefined : undefined)
            .replace(/\\s+/g, " ").trim().slice(0, 50);
        const where = `"${label}..." (${Math.round(right - left)}px wide)`;
        let problem = null;
        for (let a = content.parentElement; a && a !== root && !problem;
             a = a.parentElement) {
            if (getComputedStyle(a).overflowX === "visible") continue;
            const box = a.getBoundingClientRect();
            const start = box.left + a.clientLeft;
            const end = start + a.clientWidth;
            if (left < start - 1) {
                problem = `display math ${where} is cut off on the left by `
                    + `${describe(a)}: ${Math.round(start - left)}px out of reach`;
            } else if (right > end + 1) {
                if (!scrolls(a)) {
                    problem = `display math ${where} is cut off on the right by `
                        + `${describe(a)} (overflow-x: `
                        + `${getComputedStyle(a).overflowX})`;
                } else if (!hasCue(a)) {
                    problem = `display math ${where} scrolls in ${describe(a)} `
                        + "with no scroll cue (a scroll shadow)";
                }
                // From here on the formula occupies the scroller's box.
                left = Math.max(left, start);
                right = Math.min(right, end);
            }
        }
        if (!problem && left < -1) {
            problem = `display math ${where} starts ${Math.round(-left)}px `
                + "left of the screen";
        } else if (!problem && right > root.clientWidth + 1) {
            problem = `display math ${where} ends `
                + `${Math.round(right - root.clientWidth)}px right of the screen`;
        }
        if (problem) problems.push(problem);
    }
    return problems;
}"""
)


def check_display_math_visible(page) -> list[str]:
    """Every display formula is fully visible, or scrolls from its left edge.

    A formula wider than its column must scroll from its start, with a
    scroll cue: not be centred in a box that clips it (which hides its left
    end out of reach), nor cut by a box that hides what overflows. Run it at
    every width the book supports.
    """
    return page.evaluate(_DISPLAY_MATH)


# Code cells, listings and outputs: every <pre> of the page's content.
CODE_BLOCKS = "article pre, main pre"

_CODE = (
    """(selector) => {"""
    + _HELPERS
    + """
    const root = document.documentElement;
    const problems = [];
    for (const pre of new Set(document.querySelectorAll(selector))) {
        if (!pre.checkVisibility() || pre.clientWidth === 0) continue;
        // The box that holds the text's lines: the <pre> itself, or the
        // first ancestor that scrolls or clips.
        let box = pre;
        while (box !== root && getComputedStyle(box).overflowX === "visible") {
            box = box.parentElement;
        }
        const first = (pre.textContent.trim().split("\\n")[0] || "").slice(0, 50);
        const what = `${describe(pre)} "${first}"`;
        if (box === root) {
            const right = pre.getBoundingClientRect().left + pre.scrollWidth;
            if (right > root.clientWidth + 1) {
                problems.push(`${what} runs ${Math.round(right - root.clientWidth)}`
                    + "px past the right of the screen");
            }
            continue;
        }
        box.scrollLeft = 0;
        if (box.scrollWidth <= box.clientWidth + 1) continue;  // it fits
        const overflow = `${box.scrollWidth}px of text in a `
            + `${box.clientWidth}px ${describe(box)}`;
        if (!scrolls(box)) {
            problems.push(`${what} is cut: ${overflow} that hides the rest`);
        } else if (!hasCue(box)) {
            problems.push(`${what} scrolls with no cue (a scroll shadow): `
                + overflow);
        }
    }
    return problems;
}"""
)


def check_code_not_cut(page, selector: str = CODE_BLOCKS) -> list[str]:
    """No code block or output is cut: it wraps, or scrolls with a cue.

    For each visible ``<pre>`` matching ``selector`` whose lines are longer
    than its box: the box must scroll (not clip) and show a scroll shadow.
    """
    return page.evaluate(_CODE, selector)


# KaTeX's fonts, by file name.
_KATEX_FONT = "KaTeX_"

_MATH_STYLES = """() => {
    let rules = 0;
    const walk = (list) => {
        for (const rule of list) {
            if (rule.cssRules) walk(rule.cssRules);
            // KaTeX's own sheet: its @font-face rules and the rules that
            // set its fonts (a page's other rules may name .katex classes).
            const family = rule.style ? rule.style.getPropertyValue("font-family")
                || rule.style.getPropertyValue("font") : "";
            if (/KaTeX_/.test(family)) rules += 1;
        }
    };
    for (const sheet of document.styleSheets) {
        try { walk(sheet.cssRules); } catch (error) { /* another origin */ }
    }
    const faces = Array.from(document.fonts)
        .filter((f) => f.family.replace(/["']/g, "").startsWith("KaTeX_")
            && f.status === "loaded")
        .map((f) => f.family.replace(/["']/g, ""));
    return {rules: rules, faces: faces};
}"""


def check_math_fonts(page, recorder, *, expect_math: bool) -> list[str]:
    """The math fonts load from the site itself, and only where there is math.

    With ``expect_math``: the page has KaTeX's style rules, at least one of
    its fonts (``KaTeX_*.woff2``) came from the site, and the page's fonts
    include a loaded KaTeX face. Without: no KaTeX style rule, font face or
    font file.
    """
    site = urlsplit(recorder.base_url).netloc
    fonts = [
        (urlsplit(response.url), response)
        for response in recorder.responses
        if urlsplit(response.url).path.rsplit("/", 1)[-1].startswith(_KATEX_FONT)
    ]
    styles = page.evaluate(_MATH_STYLES)
    if not expect_math:
        problems = [
            f"math font loaded on a page without math: {parts.path}"
            for parts, _ in fonts
        ]
        if styles["rules"]:
            problems.append(
                f"{styles['rules']} KaTeX style rules on a page without math"
            )
        return problems
    problems = []
    if not styles["rules"]:
        problems.append("no KaTeX style rules: the math's style sheet is missing")
    if not fonts:
        problems.append("no KaTeX font (KaTeX_*.woff2) was loaded from the site")
    if not styles["faces"]:
        problems.append("no KaTeX font face is loaded: the math uses system fonts")
    for parts, response in fonts:
        if parts.netloc != site:
            problems.append(f"math font from another host: {response.url}")
        elif not parts.path.endswith(".woff2"):
            problems.append(f"math font not in woff2: {parts.path}")
        elif response.status != 200:
            problems.append(f"math font {parts.path}: HTTP {response.status}")
    return problems
