"""Revised Romanization of Korean (문화체육관광부 고시 2000-8, 2014-42) with its sound changes.

RR writes the standard pronunciation, so a form is first respelled syllable pair by syllable pair
(liaison, palatalization, aspiration, nasalization, ㄹ-nasalization and lateralization, cluster
simplification), then transliterated. As RR prescribes, tensification is not written (압구정 apgujeong)
and ㅎ after ㄱ/ㄷ/ㅂ stays written in nouns (묵호 mukho, 국회 gukhoe); it merges only before the
하다/-히 syllables of verbs and adverbs (만족하는 manjokaneun, 시급히 sigeupi), told apart by the
syllable since tifa has no morphology (so 북한 would read bukan).

What needs word structure is not attempted: ㄴ-insertion in compounds (학여울 Hangnyeoul) and the
ㄴ+ㄹ → [ㄴㄴ] words (판단력 pandannyeok, 신문로 Sinmunno). Such forms are reviewed exceptions in the data
(a ``ko-Latn`` label marked ``tifa:reviewed``), never code. Rules apply within a run of Hangul
syllables only: a space, hyphen, digit or letter is a word boundary and passes through unchanged.
"""

from __future__ import annotations

import re

_INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h")
_VOWELS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
           "wi", "yu", "eu", "ui", "i")
_FINAL_SOUND = {0: "", 1: "k", 4: "n", 7: "t", 8: "l", 16: "m", 17: "p", 21: "ng"}
# final (jongseong index) -> the one of the seven final sounds it is pronounced as before a consonant
_NEUTRAL = {0: 0, 1: 1, 2: 1, 3: 1, 4: 4, 5: 4, 6: 4, 7: 7, 8: 8, 9: 1, 10: 16, 11: 8, 12: 8, 13: 8, 14: 17,
            15: 8, 16: 16, 17: 17, 18: 17, 19: 7, 20: 7, 21: 21, 22: 7, 23: 7, 24: 1, 25: 7, 26: 17, 27: 7}
# final -> the initial it becomes when it moves onto a following vowel (liaison)
_AS_INITIAL = {1: 0, 2: 1, 4: 2, 7: 3, 8: 5, 16: 6, 17: 7, 19: 9, 20: 10, 22: 12, 23: 14, 24: 15, 25: 16, 26: 17}
# a two-consonant final before a vowel: the first stays, the second moves on (닭이 → 달기)
_CLUSTER = {3: (1, 9), 5: (4, 12), 9: (8, 0), 10: (8, 6), 11: (8, 7), 12: (8, 9), 13: (8, 16), 14: (8, 17),
            18: (17, 9)}
_ASPIRATED = {0: 15, 3: 16, 7: 17, 12: 14}  # initial ㄱ ㄷ ㅂ ㅈ -> ㅋ ㅌ ㅍ ㅊ
_STOP_INITIAL = {1: 0, 7: 3, 17: 7}  # neutral final ㄱ ㄷ ㅂ -> the initial it aspirates
_NASAL = {1: 21, 7: 4, 17: 16}  # ㄱ ㄷ ㅂ -> ㅇ ㄴ ㅁ before ㄴ/ㅁ
_VERBAL_H = frozenset("하한할함해했히혀")  # 하다 / -히 syllables, where ㄱ/ㄷ/ㅂ + ㅎ merges
_G, _N, _D, _R, _M, _S, _O, _J, _H = 0, 2, 3, 5, 6, 9, 11, 12, 18  # initials
_I_VOWEL = 20
_HANGUL_RUN = re.compile("[가-힣]+")


def _liaison(fin: int, vowel: int) -> tuple[int, int]:
    """(final, next initial) when the next syllable starts with a vowel."""
    if fin in (0, 21):
        return fin, _O
    if fin == 27:  # ㅎ is silent before a vowel (좋아 → 조아)
        return 0, _O
    if fin in (6, 15):  # ㄶ ㅀ: ㅎ drops, ㄴ/ㄹ moves on
        return 0, _N if fin == 6 else _R
    if fin in _CLUSTER:
        return _CLUSTER[fin]
    if fin in (7, 25) and vowel == _I_VOWEL:  # palatalization: 해돋이 → 해도지, 같이 → 가치
        return 0, _J if fin == 7 else 14
    return 0, _AS_INITIAL[fin]


def _pair(fin: int, ini: int, nxt: str, vowel: int) -> tuple[int, int]:
    """(final, next initial) as pronounced, for a final followed by the syllable ``nxt``."""
    if ini == _O:
        return _liaison(fin, vowel)
    if fin in (6, 15, 27):  # a final with ㅎ: aspirates ㄱ ㄷ ㅈ (좋다 → 조타), drops before ㅅ
        fin = {6: 4, 15: 8, 27: 0}[fin]
        if ini in _ASPIRATED and ini != 7:
            ini = _ASPIRATED[ini]
        elif ini == _N and fin == 0:
            fin = 4  # 놓는 → 논는
    elif ini == _H and (_NEUTRAL[fin] in _STOP_INITIAL or fin == 22):
        if _NEUTRAL[fin] == 7 and vowel == _I_VOWEL:
            return 0, 14  # 굳히다 → 구치다
        if fin == 22 or nxt in _VERBAL_H:
            return 0, 14 if fin == 22 else _ASPIRATED[_STOP_INITIAL[_NEUTRAL[fin]]]
        return _NEUTRAL[fin], ini  # a noun keeps ㅎ written: 국회 gukhoe
    fin = _NEUTRAL[fin]
    if ini == _R:
        if fin == 4:
            fin = 8  # 관리 → 괄리
        elif fin not in (0, 8):
            ini = _N  # 종로 → 종노, 독립 → 독닙 (→ 동닙 below)
    elif ini == _N and fin == 8:
        ini = _R  # 설날 → 설랄
    if ini in (_N, _M) and fin in _NASAL:
        fin = _NASAL[fin]  # 국민 → 궁민
    return fin, ini


def _word(word: str) -> str:
    syl = [[(ord(ch) - 0xAC00) // 588, (ord(ch) - 0xAC00) // 28 % 21, (ord(ch) - 0xAC00) % 28] for ch in word]
    for i in range(len(syl) - 1):
        syl[i][2], syl[i + 1][0] = _pair(syl[i][2], syl[i + 1][0], word[i + 1], syl[i + 1][1])
    out: list[str] = []
    prev_final = 0
    for ini, vowel, fin in syl:
        lead = "l" if ini == _R and prev_final == 8 else _INITIALS[ini]
        prev_final = _NEUTRAL[fin]
        out.append(lead + _VOWELS[vowel] + _FINAL_SOUND[prev_final])
    return "".join(out)


def romanize(text: str) -> str:
    """Revised Romanization of ``text``, lowercase; anything but Hangul syllables is kept as it is.

    >>> romanize("6+4 일체화 종합 관리감독")
    '6+4 ilchehwa jonghap gwalligamdok'
    """
    return _HANGUL_RUN.sub(lambda m: _word(m.group(0)), text)
