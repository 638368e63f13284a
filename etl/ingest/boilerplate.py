"""Recognising lines that are not article body: page furniture, captions and editor's notes.

Extracted news text keeps pieces of the page around the article: share and comment widgets,
reading-time badges, navigation breadcrumbs, photo captions with their credits, comment-form
footers. None of that is reported speech or narrative, and leaving it in the body makes later
stages find photographers as persons and photo agencies as sources. Each rule here looks at
one line on its own, so it can run on any line of any article; what a line *means* for the
header (an editor's note naming the outlet, a "Source:" credit) is for ``etl.ingest.issuers``.
"""

from __future__ import annotations

import re
from typing import Literal

LineKind = Literal["body", "widget", "breadcrumb", "caption", "editor_note", "source"]

# Widgets are short; a long line that happens to start with "Share" is prose.
_WIDGET_MAX_LEN = 80

_WIDGET = re.compile(
    r"""^(?:
        share(?:\s+(?:this|the))?(?:\s+(?:article|story|post|page|link))?(?:\s+(?:on|via)\s+\w+)?
      | share\s+(?:on|via|to)\s+.+
      | \d+\s+shares?
      | (?:\d+\s+)?comments?(?:\s*\(\d+\))?
      | (?:leave|post|add|write|view|show|hide|read)\s+(?:a\s+|the\s+)?(?:reply|comments?)
      | (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s*[-–]?\s*min(?:ute)?s?\.?\s+read
      | reading\s+time\s*:?\s*\d+\s*min(?:ute)?s?
      | print(?:\s+(?:this|the))?(?:\s+(?:article|story|page))?
      | e-?mail(?:\s+(?:this|the))?(?:\s+(?:article|story|page))?
      | follow\s+(?:us|@\w+)(?:\s+on\s+.+)?
      | (?:subscribe|sign\s+up)(?:\s+(?:to|for)\s+.+)?
      | advertisement(?:\s*[-–:]?\s*.*)?
      | sponsored(?:\s+content)?
      | (?:also\s+read|read\s+(?:more|also|next))\b.*
      | related(?:\s+(?:articles?|stories|news|posts?|content|topics))?\s*:.*
      | related(?:\s+(?:articles?|stories|news|posts?|content|topics))
      | more\s+(?:on|from)\s+this\s+topic
      | tags?\s*:.*
      | keywords?\s*:.*
      | (?:copyright\s*)?©.*
      | copyright\s+\d{4}.*
      | all\s+rights\s+reserved\.?
      | back\s+to\s+top
      | (?:listen\s+to|download)\s+(?:this\s+)?(?:article|story|the\s+app|our\s+app)
      | (?:font|text)\s+size\s*:?.*
      | click\s+here\b.*
      | <[^<>]{1,60}>
      | \[?\s*(?:top|back|menu|search|close|login|log\s+in|sign\s+in)\s*\]?
      | suggest\s+to\s+a\s+friend
      | bookmark | save | loading\.*
      | loading\s+[\w\s]{1,40}?\s*(?:\.{2,}|…)
      | (?:[\w-]+\s+){0,3}(?:button|arrow)\s+icon
      | (?:editor|edited\s+by|editing\s+by|responsible\s+editor)\s*:\s*.{1,40}
    )\s*[.:|]?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

# Footers of comment forms and promotional tails: long, but never article text.
_FOOTER = re.compile(
    r"""^(?:
        your\s+email\s+address\s+will\s+not\s+be\s+published\b.*
      | required\s+fields\s+are\s+marked\b.*
      | you\s+must\s+be\s+logged\s+in\s+to\s+post\s+a\s+comment\b.*
      | (?:the\s+)?views\s+expressed\s+(?:in\s+)?(?:this|the)\s+(?:article|comments?)\b.*
      | for\s+more\s+(?:wonderful\s+|exciting\s+|latest\s+)?(?:content|news|stories|updates|details)
        \b.*\b(?:refer\s+to|visit|click|see|follow|download|subscribe)\b.*
      | (?:get|download)\s+the\s+latest\s+.*\bapp\b.*
      | [(\[]?\s*(?:additional\s+)?(?:reporting|writing|editing)\s+by\s+.{1,600}
      | .{1,400}\bfull\s+article\s*[»›>]?
      | our\s+standards\s*:.*
      | .{0,120}\bcontributed\s+(?:to\s+)?(?:this\s+)?(?:report|story|article)(?:ing)?\.?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# A line made only of sharing targets ("Facebook Twitter WhatsApp", "Share | Email | Print").
_SOCIAL_WORDS = frozenset(
    """
    share shares facebook twitter x whatsapp telegram linkedin email e-mail mail print pinterest
    reddit tumblr vk weibo wechat line messenger sms copy link url flipboard pocket google+
    google threads instagram youtube tiktok snapchat viber koo qq douban bluesky mastodon on
    via
    """.split()  # noqa: SIM905 - word lists read best as prose
)
_SOCIAL_TOKEN = re.compile(r"\w+(?:-\w+)*\+?")

_BREADCRUMB_SEPARATED = re.compile(r"^(?:you\s+are\s+here\s*:?\s*)?home\s*[>»›/|→]\s*\S", re.I)
# "Home Business <title>": site navigation glued to the title by text extraction.
_BREADCRUMB_SECTIONS = re.compile(
    r"^Home\s+(?:News|Latest(?:\s+News)?|World|Business|Politics|Opinion|Op-?Ed|Nation|National"
    r"|International|Asia(?:[- ]Pacific)?|Africa|Europe|Americas|Middle\s+East|China|India"
    r"|Economy|Diplomacy|Editorials?|Features?|Analysis|Regions?|Regional|Local|Global|Sports?"
    r"|Tech(?:nology)?|Science|Culture|Lifestyle|Society|Headlines|Top\s+Stories|Focus"
    r"|Comment(?:ary)?|Columns?|Military|Defen[cs]e|Foreign\s+Affairs|Video|Photos?|Blogs?"
    r"|Insights?|Interviews?|Special\s+Reports?|Top\s+News|Breaking\s+News)\b"
)

# Photo credits that end a caption line: "[Xinhua/Li Yibo]", "[Photo/Xinhua]", "(AP Photo)",
# "(AP Photo/Jane Doe)", "(Photo: CGTN)", "| Photo Credit: AFP", "Photo by Li Xin/Xinhua".
_CREDIT_TAIL = re.compile(
    r"""(?:
        \[\s*(?:photos?|file|images?|pictures?|video|screenshot)\b[^\[\]]*\]
      | \[\s*[A-Z][^\[\]/]{1,40}/\s*[A-Z][^\[\]]{1,60}\]
      | \([^()]*\b(?:photos?|file\s+photo|images?|pictures?|screenshot)\b[^()]*\)
      | \(\s*[A-Z][\w.&' -]{1,30}/\s*[A-Z][\w.' -]{1,40}\)
      | \|\s*photo\s*credits?\s*:.*
      | \bphoto\s*credits?\s*:\s*[^.]{1,60}
      | \b(?:photo|image|picture|photograph)\s*(?:by|courtesy(?:\s+of)?|:|/)\s*[^.]{1,60}
      | \bgetty\s+images
      | /\s*(?:photograph(?:ed)?|photos?|摄)   # "Xinhua News Agency reporter Pang Xinglei/Photograph"
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Caption lines recognisable from their wording: "Photo: ...", "FILE PHOTO - ...", "Photo taken on
# May 17 shows ...", "... The picture shows ..." (caption blocks translated from Chinese sites).
_CAPTION_HEAD = re.compile(
    r"""^(?:
        (?:file\s+)?(?:photo|photos|image|picture|photograph|caption)\s*[:|—–-]
      | file\s+photo\b
      | (?:this|the|a|an)?\s*(?:file\s+|aerial\s+|undated\s+|handout\s+)?
        (?:photo|picture|image|photograph)\s+(?:taken|shows|released|provided|made|dated)\b
      | in\s+this\s+(?:file\s+|undated\s+|handout\s+)?(?:photo|picture|image)\b
      | .*\b(?:the|this)\s+(?:picture|photo|image)\s+(?:above\s+|below\s+)?shows\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)

_EDITOR_NOTE = re.compile(
    r"^[(\[]?\s*editor[’'`]?s?[’'`]?\s+note\s*[:：\-–—]\s*(?P<note>.*?)\s*[)\]]?$",
    re.IGNORECASE,
)
_SOURCE = re.compile(r"^(?:source|sources|via)\s*[:：]\s*(?P<source>[^.]{1,60}?)\s*\.?$", re.I)


def is_widget(line: str) -> bool:
    """Share/comment/social buttons, reading-time badges, ads, tag lists, comment-form footers."""
    text = line.strip()
    if not text:
        return False
    if not any(c.isalnum() for c in text):
        return True  # separators: "___", "* * *", "—"
    if _FOOTER.match(text):
        return True
    if len(text) > _WIDGET_MAX_LEN:
        return False
    if _WIDGET.match(text):
        return True
    tokens = [t.lower() for t in _SOCIAL_TOKEN.findall(text)]
    return bool(tokens) and all(t in _SOCIAL_WORDS for t in tokens)


def is_breadcrumb(line: str) -> bool:
    """Site navigation: "Home > China News", "Home / World", "Home Business <title>"."""
    text = line.strip()
    return bool(_BREADCRUMB_SEPARATED.match(text) or _BREADCRUMB_SECTIONS.match(text))


def is_caption(line: str) -> bool:
    """A photo caption or credit line: it ends in a photo credit or introduces a photo."""
    text = line.strip()
    return bool(text) and bool(_CREDIT_TAIL.search(text) or _CAPTION_HEAD.match(text))


def editor_note(line: str) -> str | None:
    """The text of an "Editor's note: ..." line, or None. Notes frame the article; they are not it."""
    match = _EDITOR_NOTE.match(line.strip())
    return match["note"] if match else None


def source_credit(line: str) -> str | None:
    """The name in a short "Source: Xinhua" credit line, or None."""
    match = _SOURCE.match(line.strip())
    return match["source"] if match else None


# Headings of a site's lists of other stories ("Trending On Reuters", "Most Read", "You May
# Also Like"): what follows them is labels and teasers of other pages, not this article.
_LIST_HEADING = re.compile(
    r"""^(?:trending(?:\s+(?:on|in|at)\s+[\w.&' ]{1,30}|\s+now|\s+stories|\s+news)?
      | most\s+(?:read|popular|viewed|shared|watched)(?:\s+(?:on|in|at|from)\s+[\w.&' ]{1,30})?
      | recommended(?:\s+(?:for\s+you|stories|reading))?
      | (?:you|we\s+think\s+you)\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)
      | editor[’']?s[’']?\s+picks?
      | more\s+(?:stories\s+)?from\s+[\w.&' ]{1,30}
      | top\s+stories
    )\s*[:.]?$""",
    re.IGNORECASE | re.VERBOSE,
)


def is_list_heading(line: str) -> bool:
    """The heading of a list of other stories ("Trending On Reuters", "Most Read")."""
    return bool(_LIST_HEADING.match(line.strip()))


def is_list_label(line: str) -> bool:
    """A section label in such a list ("Banking", "World News"): a few words, no sentence."""
    words = line.split()
    return 0 < len(words) <= 4 and not line.rstrip().endswith((".", "!", "?", '"', "”"))


def classify_line(line: str) -> LineKind:
    """What one line of extracted text is; "body" unless a boilerplate rule recognises it."""
    if editor_note(line) is not None:
        return "editor_note"
    if is_breadcrumb(line):
        return "breadcrumb"
    if is_widget(line) or is_list_heading(line):
        return "widget"
    if source_credit(line) is not None:
        return "source"
    if is_caption(line):
        return "caption"
    return "body"
