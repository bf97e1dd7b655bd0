"""License names written in another language, read in English.

Cards, OpenML descriptions and government portals write a license's official title in their
own language: "知识共享署名-非商业性使用-相同方式共享 4.0 国际许可协议", "GNU 일반 공중 사용
허가서 버전 3", "Licencia BSD de 2 cláusulas", "MIT-Lizenz", "gemeinfrei". The reference data
(SPDX, ScanCode) holds English names only. This table gives the English words of the official
titles and of the words they are made of (Creative Commons' translated legal codes, the GNU
licenses' translations, the few government licenses with an official title of their own), so
that the text can be read again as the English title. A reading from a translation is never
certain.

The table is a vocabulary, as `tables.py` is: words and titles, not strings seen in a card.
`translated` is tried only after the text failed to read as it is: "Datenlizenz Deutschland -
Namensnennung" is the German government's own license, which ScanCode names in German.
"""

from __future__ import annotations

import functools
import re

# (pattern, English). Longer phrases first: "宽通用公共许可证" before "通用公共许可证".
_TITLES: tuple[tuple[str, str], ...] = (
    # the GNU licenses (Chinese, Japanese, Korean, French, Spanish, German, Italian, Portuguese)
    (
        r"(?:宽|較寬鬆|较宽松|宽松)通用公共(?:许可证|許可證|授權條款)",
        "Lesser General Public License",
    ),
    (r"通用公共(?:许可证|許可證|授權條款|授权)", "General Public License"),
    (r"自由(?:文档|文檔)(?:许可证|許可證)", "Free Documentation License"),
    (r"劣等一般公衆利用許諾(?:契約)?書", "Lesser General Public License"),
    (r"一般公衆利用許諾(?:契約)?書", "General Public License"),
    (r"フリー文書利用許諾(?:契約)?書", "Free Documentation License"),
    (r"(?:아페로|アフェロ)\s*일반\s*공중\s*사용\s*허가서", "Affero General Public License"),
    (r"약소\s*일반\s*공중\s*사용\s*허가서", "Lesser General Public License"),
    (r"일반\s*공중\s*사용\s*허가서", "General Public License"),
    (r"자유\s*문서\s*사용\s*허가서", "Free Documentation License"),
    (
        r"licen[cs]e\s+publique\s+g[ée]n[ée]rale\s+(?:limit[ée]e|amoindrie|moindre)",
        "Lesser General Public License",
    ),
    (r"licen[cs]e\s+publique\s+g[ée]n[ée]rale\s+affero", "Affero General Public License"),
    (r"licen[cs]e\s+publique\s+g[ée]n[ée]rale", "General Public License"),
    (r"licen[cs]e\s+de\s+documentation\s+libre", "Free Documentation License"),
    (
        r"licencia\s+p[úu]blica\s+general\s+(?:reducida|menor|limitada)",
        "Lesser General Public License",
    ),
    (r"licencia\s+p[úu]blica\s+general\s+affero", "Affero General Public License"),
    (r"licencia\s+p[úu]blica\s+general", "General Public License"),
    (r"licencia\s+de\s+documentaci[óo]n\s+libre", "Free Documentation License"),
    (r"licen[çc]a\s+p[úu]blica\s+geral\s+(?:menor|reduzida)", "Lesser General Public License"),
    (r"licen[çc]a\s+p[úu]blica\s+geral", "General Public License"),
    (r"licenza\s+pubblica\s+generica\s+(?:minore|attenuata)", "Lesser General Public License"),
    (r"licenza\s+pubblica\s+generica", "General Public License"),
    (r"-?lizenz\s+f[üu]r\s+freie\s+dokumentation", " Free Documentation License"),
    (r"allgemeine\s+[öo]ffentliche\s+lizenz", "General Public License"),
    (r"\b(?:de|von|di|da)\s+gnu\b", "GNU"),  # "... General Public License de GNU"
    # the European Union Public Licence in its other official languages
    (r"licen[cs]e\s+publique\s+de\s+l['’]union\s+europ[ée]enne", "European Union Public License"),
    (r"licencia\s+p[úu]blica\s+de\s+la\s+uni[óo]n\s+europea", "European Union Public License"),
    (r"licenza\s+pubblica\s+dell['’]unione\s+europea", "European Union Public License"),
    (
        r"(?:open[\s-]+source[\s-]+)?lizenz\s+f[üu]r\s+die\s+europ[äa]ische\s+union",
        "European Union Public License",
    ),
    # the Mozilla, Eclipse and other public licenses in the Romance languages' word order
    (
        r"(?:licencia|licen[cs]e|licenza|licen[çc]a)\s+p[úu]b+li(?:ca|que)\s+(?:de\s+|di\s+|da\s+)?(mozilla|eclipse)",
        r"\1 Public License",
    ),
    # "or (any) later version"
    (
        r"或(?:任何)?(?:更高|更新|以后的?|之后的?)版本|或更高|以降の(?:任意の)?バージョン|이후\s*버전|(?<=\d)\s*이상",
        " or later ",
    ),
    (
        r"\bou\s+(?:toute\s+)?(?:version\s+)?ult[ée]rieure|\bo\s+(?:cualquier\s+)?(?:versi[óo]n\s+)?posterior",
        " or later ",
    ),
    (
        r"oder\s+(?:jede\s+)?(?:sp[äa]tere|neuere)(?:\s+version)?|oder\s+(?:sp[äa]ter|neuer|h[öo]her)",
        " or later ",
    ),
    (
        r"\bo\s+(?:qualsiasi\s+)?(?:versione\s+)?successiva|\bou\s+(?:qualquer\s+)?(?:vers[ãa]o\s+)?posterior",
        " or later ",
    ),
    # government and other licenses whose official title is not English
    (r"政府資料開放授權條款", "Taiwan Open Government Data License"),
    (r"trwydded\s+llywodraeth\s+agored", "Open Government Licence"),
    (r"norsk\s+lisens\s+for\s+offentlige\s+data", "Norwegian Licence for Open Government Data"),
    (  # the CeCILL licenses' French titles: "Contrat de licence de logiciel libre CeCILL-B"
        r"contrat\s+de\s+licen[cs]e\s+de\s+logiciel\s+libre\s+(cecill(?:[\s-]*[bc])?)",
        r"\1 Free Software License Agreement",
    ),
    (r"datenlizenz\s+deutschland", "Data licence Germany"),  # ScanCode names its Zero in English
    (r"licencia\s+p[úu]blica\s+del\s+proyecto\s+latex", "LaTeX Project Public License"),
    (r"공공누리\s*제\s*([1-4])\s*유형", r" KOGL Type \1 "),  # the Korea Open Government License
    (r"공공누리", " KOGL "),
    (r"木兰宽松许可证", "Mulan Permissive Software License"),
    (r"木兰公共许可证", "Mulan Public License"),
    (r"公共(?:许可证|許可證|授權條款)", " Public License"),  # "Mozilla 公共许可证 2.0"
    (
        r"(?:sil\s*)?(?:オープン\s*フォント\s*ライセンス|오픈\s*폰트\s*라이[선센]스)",
        " SIL Open Font License ",
    ),
    (r"모질라\s*공개\s*라이[선센]스", "Mozilla Public License"),
    (r"オープン\s*データベース", " Open Database "),
    (r"언라이[선센]스", "Unlicense"),
    # model licenses' product names in their own script
    (r"通义千问|通義千問", " Tongyi Qianwen "),
    (r"腾讯混元|騰訊混元", " Tencent Hunyuan "),
    # a port's jurisdiction ("... 3.0 台灣" is CC's Taiwan port, not the unported license)
    (r"台灣|臺灣", " Taiwan "),
    # public domain
    (
        r"marque\s+du\s+domaine\s+public|marca\s+de\s+dominio\s+p[úu]blico",
        "Public Domain Mark",
    ),
    (r"公有领域|公共领域|公有領域|パブリック・?ドメイン|퍼블릭\s*도메인", "public domain"),
    (
        r"gemeinfrei(?:heit)?|dominio\s+p[úu]blico|domaine\s+public|pubblico\s+dominio",
        "public domain",
    ),
    (r"dom[íi]nio\s+p[úu]blico", "public domain"),
    # BSD's clauses and its "modified" (new, revised) form
    (r"修正\s*BSD", "Modified BSD"),
    (r"新\s*BSD", "New BSD"),
    (r"(\d)\s*条項\s*BSD", r"BSD \1-Clause"),
    (r"BSD\s+(?:de|à|a)\s+(\d)\s+cl[áa]usul(?:as|es)", r"BSD \1-Clause"),
    (r"(\d)[\s-]*(?:klausel|cl[áa]usulas?|clauses)[\s-]*BSD", r"BSD \1-Clause"),
    # names written in another script
    (r"아파치|アパッチ", "Apache"),
    (
        r"クリエイティブ・?コモンズ|크리에이티브\s*커먼즈|知识共享|創用\s*CC|创作共用|創作共用",
        "Creative Commons ",
    ),
    # versions: "第2版", "第 2.0 版", "version" in other languages
    (r"第\s*(\d+(?:\.\d+)*)\s*版", r" version \1 "),
    (r"版本|バージョン|버전|versi[óo]n|versione|vers[ãa]o", " version "),
    (r"开[源放]字体(?:许可证|许可协议)|開[源放]字型(?:授權條款|許可證)", " Open Font License "),
    (r"フォント|폰트|字体|字型", " Font "),
    # a license's exception: "Apache-Lizenz 2.0 mit LLVM-Ausnahme"
    (r"ausnahmen|excepciones|eccezioni|exce[çc][õo]es", " exceptions "),
    (r"ausnahme|excepci[óo]n|eccezione|exce[çc][ãa]o|例外|예외", " exception "),
    # the words of a model license's title: "Baichuan 2 模型社区许可协议"
    (r"模型", " Model "),
    (r"社区|社區", " Community "),
    (r"系列", " Series "),
    (r"研究", " Research "),
    # the parts a license is for: "Apache 2.0 (代码), 模型许可证 (权重)"
    (r"代码|代碼|コード", " code "),
    (r"权重|權重|重み", " weights "),
    # the noun last: "MIT-Lizenz", "MITライセンス", "Apache 许可证"
    (
        r"许可协议|許可協議|许可证|許可證|授权协议|授權條款|ライセンス|라이[선센]스|이용\s*허락|(?<![a-zäöüß])lizenz(?:vertrag)?|licencia|licenza|licen[çc]a|лицензия",
        " License ",
    ),
)

# Creative Commons' elements, read only in a text that names Creative Commons: 表示 and 継承
# are everyday words ("display", "inherit") outside it.
_CC_ELEMENTS: tuple[tuple[str, str], ...] = (
    (
        r"署名|姓名標示|表示|저작자\s*표시|namensnennung|paternit[ée]|atribuci[óo]n|reconocimiento|attribuzione|atribui[çc][ãa]o",
        " Attribution ",
    ),
    (
        r"非商业性使用|非商業性(?:使用)?|非営利|비영리|nicht[\s-]*kommerziell|pas\s+d['’]utilisation\s+commerciale|no\s*comercial|non\s*commerciale|n[ãa]o\s*comercial",
        " NonCommercial ",
    ),
    (
        r"相同方式共享|相同方式分享|継承|동일\s*조건\s*변경\s*허락|weitergabe\s+unter\s+gleichen\s+bedingungen|partage\s+dans\s+les\s+m[êe]mes\s+conditions|compartir\s*igual|condividi\s+allo\s+stesso\s+modo|compartilha\s*igual",
        " ShareAlike ",
    ),
    (
        r"禁止演绎|禁止改作|改変禁止|변경\s*금지|keine\s+bearbeitungen?|pas\s+de\s+modification|sin\s*obra\s*derivada|sin\s*derivadas|non\s+opere\s+derivate|sem\s*deriva[çc][õo]es",
        " NoDerivatives ",
    ),
    (r"国际|國際|国際|국제|internacional|internazionale", " International "),
)
_GERMAN = re.compile(r"lizenz|\b(?:und|oder|nicht|für|der|die|das|keine|ohne|daten|modell)\b", re.I)
_GERMAN_MIT = re.compile(r"(?<![\w-])mit(?![\w-])")  # lower case: "MIT-Lizenz" is the license


def german_mit(text: str) -> list[tuple[int, int]]:
    """Where a German text says "mit" ("with"), which is no MIT: "Apache-Lizenz 2.0 mit
    Commons Clause"."""
    return [m.span() for m in _GERMAN_MIT.finditer(text)] if _GERMAN.search(text) else []


_CREATIVE_COMMONS = re.compile(r"creative\s+commons|\bcc\b", re.I)
# Chinese, Japanese and Korean letters, as a character class
CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff"
# a space where Latin letters or digits meet Chinese, Japanese or Korean: "2.0을", "MITライセンス"
# (not inside "geändert")
_SCRIPT_BOUNDARY = (
    rf"(?<=[0-9A-Za-z.])(?=[{CJK}])|(?<=[{CJK}])(?=[0-9A-Za-z])"  # compiled in use: 4 ms
)


@functools.cache
def _compiled() -> tuple[list[tuple[re.Pattern[str], str]], list[tuple[re.Pattern[str], str]]]:
    def each(table: tuple[tuple[str, str], ...]) -> list[tuple[re.Pattern[str], str]]:
        return [(re.compile(pattern, re.I), english) for pattern, english in table]

    return each(_TITLES), each(_CC_ELEMENTS)


def translated(text: str) -> str | None:
    """The text with the license words of other languages in English, or None where it holds
    none."""
    titles, elements = _compiled()  # ~7 ms, once a process, for the first text read so
    english = text
    for start, end in reversed(german_mit(text)):
        english = english[:start] + "with" + english[end:]
    for pattern, words in titles:
        english = pattern.sub(words, english)
    if _CREATIVE_COMMONS.search(english):
        for pattern, words in elements:
            english = pattern.sub(words, english)
    if english == text:
        return None
    english = _GNU_AFTER.sub(r"GNU \1", english)  # "Licencia Pública General de GNU"
    english = re.sub(_SCRIPT_BOUNDARY, " ", english)
    english = " ".join(english.translate(_FULL_WIDTH).split())
    return re.sub(r"\(\s+|\s+\)", lambda m: m[0].strip(), english)  # "( code )": "(code)"


# the Romance languages' word order, the publisher after the title
_GNU_AFTER = re.compile(
    r"((?:Lesser |Affero )?General Public License|Free Documentation License)\s+GNU\b"
)

# the full-width punctuation of Chinese and Japanese text, as ASCII
_FULL_WIDTH = str.maketrans(
    {"－": "-", "（": "(", "）": ")", "，": ",", "。": ".", "：": ":", "、": ","}
)
