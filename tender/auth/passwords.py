"""Which passwords are refused: the common and the trivial, with the reason in Chinese.

A short project-written list and a few rules instead of a strength estimator
(zxcvbn): its dictionaries are English words and names, while the passwords
seen here are pinyin, dates and keyboard runs; the rules below say exactly why
a password was refused, which a user can act on.
"""
from __future__ import annotations

import re

MIN_LENGTH = 10
MIN_DISTINCT = 5

# Common passwords of ten or more characters (shorter ones fail the length rule anyway),
# from leaked-password top lists, including those popular with Chinese users.
COMMON = frozenset("""
1234567890 0123456789 0987654321 9876543210 12345678910 1234567891 123456789a a123456789 123456789q
qwertyuiop qwertyuiop1 1qaz2wsx3edc 1q2w3e4r5t 1q2w3e4r5t6y 1qazxsw23edc qazwsxedc123 qwerty1234 qwerty12345
asdfghjkl1 zxcvbnm123 zxcvbnm1234 abc1234567 abc123456789 abcd123456 abcd1234567 aa123456789 aa12345678
password12 password123 password1234 passw0rd123 p@ssw0rd123 p@ssword123 password01 mypassword1 iloveyou123
iloveyou12 administrator admin12345 admin123456 admin@1234 root123456 woaini1314 woaini5201314 5201314520
5201314abc 1314520520 woaini520520 qq123456789 qq1234567890 wang123456 zhang123456 li1234567890
liu123456789 chen123456 huang123456 zhao123456 88888888888 1111111111 0000000000 1234554321 1122334455
1234512345 1357924680 2468013579 abcdefghij changeme123 welcome123 welcome1234 letmein123 sunshine123
football123 baseball123 princess123 dragon12345 monkey12345 superman123 trustno1234 computer123
""".split()) | frozenset(  # stems: with digits or symbols appended they are still among the first guesses
    "password passw0rd p@ssw0rd p@ssword mypassword iloveyou qwerty qwertyuiop admin administrator root "
    "woaini welcome letmein changeme abc abcd a aa qq sunshine football princess dragon monkey superman".split())

_RUNS = ("0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm",
         "1qaz2wsx3edc4rfv5tgb", "qazwsxedcrfvtgb")


def _is_run(text: str) -> bool:
    """A stretch of a keyboard row or of the alphabet/digits, forwards or backwards, possibly repeated."""
    for run in _RUNS:
        looped = run * 4
        if text in looped or text in looped[::-1]:
            return True
    return False


def _is_repetition(text: str) -> bool:
    return re.fullmatch(r"(.{1,5}?)\1+.{0,4}", text) is not None


def _stem(text: str) -> str:
    """'Password123!' and 'password' are the same guess: drop trailing digits and symbols."""
    return re.sub(r"[\d\W_]+$", "", text)


def password_problem(password: str, email: str = "") -> str | None:
    """The Chinese reason this password is refused, or None if it is acceptable."""
    lowered = password.lower()
    if len(password) < MIN_LENGTH:
        return f"密码至少需要 {MIN_LENGTH} 个字符。"
    if len(set(lowered)) < MIN_DISTINCT:
        return f"密码过于简单：至少包含 {MIN_DISTINCT} 个不同的字符。"
    cores = {lowered, _stem(lowered), _stem(lowered[::-1])[::-1]}  # 'asdfghjkl123', '123qwertyuiop'
    if any(_is_repetition(core) or (len(core) >= 4 and _is_run(core)) for core in cores):
        return "密码过于简单：不能是重复字符、连续数字或字母、键盘上相邻的按键。"
    if lowered in COMMON or _stem(lowered) in COMMON:
        return "该密码过于常见，很容易被猜中，请换一个。"
    local = email.split("@", 1)[0].lower()
    if len(local) >= 3 and local in lowered:
        return "密码不能包含邮箱地址中的用户名。"
    return None
