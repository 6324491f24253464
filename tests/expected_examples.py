"""Expected results of every shipped example, worked out by hand.

Each example answers the best option everywhere except for a few questions, so
its total is 100 minus the points each deviation loses. A question in a sub-area
of weight W with n questions loses ``(1 - value) x W / n`` (mean x weight,
PermenPANRB 90/2021 Lampiran III and the workbook's AVERAGE(..)*H); a survey
index s loses ``(4 - s) / 4 x 17.5``; capaian kinerja loses ``(1 - value) x 5``.
The option values are the workbook's (B of A-D = 0.67, C = 0.33; A-E steps of
0.25; A-C steps of 0.5). Every line below is one such hand calculation; the
code under test is not consulted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction as F


def loss(lost: str | int | F, weight: str | int, n: int) -> F:
    """Points lost by one answer: (1 - value) x sub-area weight / questions."""
    return F(lost) * F(weight) / n


def survey_loss(index: str, weight: str = "17.5") -> F:
    """Points lost by a survey index below 4."""
    return (4 - F(index)) / 4 * F(weight)


@dataclass(frozen=True)
class Expected:
    """What ``zi score`` must report for one example."""

    pack: str
    total: F
    predicate: str | None
    failed_next: frozenset[str] = field(default_factory=frozenset)
    """Ids of the conditions of the next predicate that fail."""
    display_total: str = ""


EXPECTED: dict[str, Expected] = {}

# --- Kantor Kementerian Agama Kota Bengkulu 2026-Q1 (90/2021): WBBM, holds WBK -------------
_bengkulu_q1 = [
    loss("0.5", 1, 3),  # A.I.1.ii.c B (A-C): 0.5 x 1/3
    loss("0.25", 1, 3),  # A.I.2.i.b B (A-E)
    loss("0.33", "1.25", 6),  # A.I.3.iii.b B (A-D)
    loss("0.33", "2.5", 8),  # A.I.4.ii.d B (A-D)
    loss("0.33", "1.5", 5),  # A.I.5.v.a B (A-D)
    loss("0.25", 1, 6),  # A.I.6.ii.a B (A-E)
    loss(F(2, 12), 2, 2),  # A.II.1.i.a 10 perubahan / 12 agen = 5/6
    loss(F(2, 10), 2, 2),  # A.II.1.i.b 8 terintegrasi / 10 dibuat = 0.8
    loss("0.25", 2, 3),  # A.II.2.iii.a B (A-E)
    loss(F(1, 4), 2, 1),  # A.II.3.iii.a (4 - 1) / 4 = 0.75
    loss(F(1, 6), 2, 1),  # A.II.4.i.a 5 / 6 sasaran
    loss(F(2, 10), "2.5", 2),  # A.II.6.i.b 8 / 10 layanan
    survey_loss("3.72"),  # B.I.a: 16.275
    loss("0.25", 5, 1),  # B.I.b B: 3.75
    survey_loss("3.68"),  # B.II.a: 16.1
]
EXPECTED["kankemenag-kota-bengkulu-2026q1.yaml"] = Expected(
    pack="permenpanrb-90-2021",
    total=100 - sum(_bengkulu_q1, F(0)),  # 93.945791666...
    predicate="WBBM",
    display_total="93.95",
)

# --- Kantor Kementerian Agama Kota Bengkulu 2026-Q2 (90/2021): still WBBM ----------------------
# Q1 re-scored: A.I.1.ii.c, A.I.3.iii.b, A.I.6.ii.a now A; A.I.5.v.a B -> C; A.II.1 counts.
_bengkulu_q2 = [
    loss("0.25", 1, 3),  # A.I.2.i.b B (A-E)
    loss("0.33", "2.5", 8),  # A.I.4.ii.d B (A-D)
    loss("0.67", "1.5", 5),  # A.I.5.v.a C (A-D)
    loss(F(3, 12), 2, 2),  # A.II.1.i.b 9 terintegrasi / 12 dibuat = 0.75 (A.II.1.i.a 12/12)
    loss("0.25", 2, 3),  # A.II.2.iii.a B (A-E)
    loss(F(1, 4), 2, 1),  # A.II.3.iii.a (4 - 1) / 4 = 0.75
    loss(F(1, 6), 2, 1),  # A.II.4.i.a 5 / 6 sasaran
    loss(F(2, 10), "2.5", 2),  # A.II.6.i.b 8 / 10 layanan
    survey_loss("3.78"),  # B.I.a: 16.5375
    loss("0.25", 5, 1),  # B.I.b B: 3.75
    survey_loss("3.64"),  # B.II.a: 15.925 >= 15.75
]
EXPECTED["kankemenag-kota-bengkulu-2026q2.yaml"] = Expected(
    pack="permenpanrb-90-2021",
    total=100 - sum(_bengkulu_q2, F(0)),  # 94.325041666...
    predicate="WBBM",
    display_total="94.33",
)

# --- MAN 2 Kota Bengkulu 2026-Q1 (90/2021): WBK, not WBBM ------------------------------------
_man2 = [
    # Manajemen perubahan (4 + 4)
    loss(1, "0.5", 2),  # A.I.1.i.b C (A-C)
    loss("0.67", 1, 3),  # A.I.1.iii.a C (A-D)
    loss("0.67", 1, 3),  # A.I.1.iii.b C
    loss("0.67", "1.5", 4),  # A.I.1.iv.d C
    loss(F(4, 10), 2, 2),  # A.II.1.i.a 6 / 10
    loss(F(3, 6), 2, 2),  # A.II.1.i.b 3 / 6
    loss("0.5", 1, 1),  # A.II.1.ii.a C (A-E)
    # Tatalaksana
    loss("0.5", 2, 4),  # A.I.2.ii.a B (A-C)
    loss("0.5", 2, 4),  # A.I.2.ii.d B
    loss("0.5", 2, 3),  # A.II.2.iii.a C (A-E)
    loss("0.5", 2, 3),  # A.II.2.iii.b C
    loss("0.75", 2, 3),  # A.II.2.iii.c D (A-E)
    # SDM
    loss("0.67", "1.25", 6),  # A.I.3.iii.c C (A-D)
    loss("0.5", 2, 4),  # A.I.3.iv.c C (A-E)
    loss("0.5", "1.5", 1),  # A.II.3.ii.a B (A-C)
    loss(1, 2, 1),  # A.II.3.iii.a 2 -> 3 violations: (2 - 3) / 2 < 0, floored at 0
    # Akuntabilitas
    loss("0.5", "2.5", 8),  # A.I.4.ii.f B (A-C)
    loss(F(2, 8), 2, 1),  # A.II.4.i.a 6 / 8
    loss("0.67", "1.5", 1),  # A.II.4.ii.a C (A-D)
    # Pengawasan
    loss("0.5", "1.5", 4),  # A.I.5.ii.a C (A-E)
    loss("0.5", "2.5", 1),  # A.II.5.i.a C (A-E)
    loss(F(1, 5), 3, 1),  # A.II.5.ii.a 4 selesai / 5 harus
    loss(F(4, 38), 2, 2),  # A.II.5.iii.b 34 / (2 + 6 + 30)
    # Pelayanan
    loss("0.25", 1, 4),  # A.I.6.i.a B (A-E)
    loss("0.33", 1, 3),  # A.I.6.iv.c B (A-D)
    loss("0.33", "2.5", 2),  # A.II.6.i.a B (A-D)
    loss(F(6, 12), "2.5", 2),  # A.II.6.i.b 6 / 12
    loss("0.33", "2.5", 1),  # A.II.6.ii.a B (A-D)
    # Hasil
    survey_loss("3.64"),  # B.I.a 15.925
    loss("0.5", 5, 1),  # B.I.b C: 2.50
    survey_loss("3.40"),  # B.II.a 14.875
]
# Manajemen perubahan 8 - 2.3479 = 5.65 < 6.00; SDM 10 - 3.1396 = 6.86 < 7.50;
# pengungkit 47.01 < 48; B.I 18.425 < 19.5; B.I.b 2.5 < 3.75; B.II 14.875 < 15.75.
_MAN2_SHORT_OF_WBBM = frozenset(
    {
        "total",
        "pengungkit",
        "area.manajemen_perubahan",
        "area.penataan_sistem_manajemen_sdm",
        "birokrasi_bersih",
        "kinerja",
        "pelayanan_prima",
        "predikat_wbk",
    }
)
EXPECTED["man-2-kota-bengkulu-2026q1.yaml"] = Expected(
    pack="permenpanrb-90-2021",
    total=100 - sum(_man2, F(0)),  # 80.306820...
    predicate="WBK",
    failed_next=_MAN2_SHORT_OF_WBBM,
    display_total="80.31",
)

# --- MAN 2 Kota Bengkulu 2026-Q2 (90/2021): still WBK, not WBBM ------------------------------
_man2_q2 = [
    # Manajemen perubahan (4 + 4)
    loss("0.5", "0.5", 2),  # A.I.1.i.b B (A-C), was C
    loss("0.33", 1, 3),  # A.I.1.iii.a B (A-D), was C
    loss("0.67", 1, 3),  # A.I.1.iii.b C
    loss("0.67", "1.5", 4),  # A.I.1.iv.d C
    loss(F(2, 10), 2, 2),  # A.II.1.i.a 8 / 10
    loss(F(2, 8), 2, 2),  # A.II.1.i.b 6 / 8
    loss("0.5", 1, 1),  # A.II.1.ii.a C (A-E)
    # Tatalaksana
    loss("0.5", 2, 4),  # A.I.2.ii.a B (A-C)
    loss("0.5", 2, 4),  # A.I.2.ii.d B
    loss("0.5", 2, 3),  # A.II.2.iii.a C (A-E)
    loss("0.5", 2, 3),  # A.II.2.iii.b C
    loss("0.75", 2, 3),  # A.II.2.iii.c D (A-E)
    # SDM
    loss("0.67", "1.25", 6),  # A.I.3.iii.c C (A-D)
    loss("0.5", 2, 4),  # A.I.3.iv.c C (A-E)
    loss("0.5", "1.5", 1),  # A.II.3.ii.a B (A-C)
    loss(F(2, 3), 2, 1),  # A.II.3.iii.a 3 -> 2 violations: (3 - 2) / 3
    # Akuntabilitas
    loss("0.5", "2.5", 8),  # A.I.4.ii.f B (A-C)
    loss(F(2, 8), 2, 1),  # A.II.4.i.a 6 / 8
    loss("0.67", "1.5", 1),  # A.II.4.ii.a C (A-D)
    # Pengawasan
    loss("0.5", "1.5", 4),  # A.I.5.ii.a C (A-E)
    loss("0.5", "2.5", 1),  # A.II.5.i.a C (A-E)
    loss(F(1, 5), 3, 1),  # A.II.5.ii.a 4 selesai / 5 harus
    loss(F(4, 38), 2, 2),  # A.II.5.iii.b 34 / (2 + 6 + 30)
    # Pelayanan
    loss("0.5", 1, 4),  # A.I.6.i.a C (A-E), was B
    loss("0.33", 1, 3),  # A.I.6.iv.c B (A-D)
    loss("0.33", "2.5", 2),  # A.II.6.i.a B (A-D)
    loss(F(6, 12), "2.5", 2),  # A.II.6.i.b 6 / 12
    loss("0.33", "2.5", 1),  # A.II.6.ii.a B (A-D)
    # Hasil
    survey_loss("3.70"),  # B.I.a 16.1875
    loss("0.5", 5, 1),  # B.I.b C: 2.50
    survey_loss("3.35"),  # B.II.a 14.65625
]
EXPECTED["man-2-kota-bengkulu-2026q2.yaml"] = Expected(
    pack="permenpanrb-90-2021",
    total=100 - sum(_man2_q2, F(0)),  # 81.643070...
    predicate="WBK",
    # Manajemen perubahan now 8 - 1.6596 = 6.34 >= 6.00, SDM 10 - 2.4729 = 7.53 >= 7.50,
    # pengungkit 48.02 >= 48; still short: B.I 18.6875 < 19.5, B.I.b, B.II 14.66 < 15.75.
    failed_next=frozenset(
        {"total", "birokrasi_bersih", "kinerja", "pelayanan_prima", "predikat_wbk"}
    ),
    display_total="81.64",
)

# --- KUA Kecamatan Selebar 2026-Q1 (90/2021): total 96 but IPAK 3.50 < 3.60 ------------------
_kua = [
    loss("0.5", "1.5", 3),  # A.I.5.iv.b B (A-C)
    loss("0.67", "0.5", 1),  # A.II.2.i.a C (A-D)
    loss("0.5", 1, 3),  # A.I.6.iii.a C (A-E)
    # A.II.5.ii.a 0 / 0 complaints -> 1 (nothing owed): no loss
    survey_loss("3.50"),  # B.I.a 15.3125 < 15.75
    survey_loss("3.80"),  # B.II.a 16.625
]
EXPECTED["kua-kecamatan-selebar-2026q1.yaml"] = Expected(
    pack="permenpanrb-90-2021",
    total=100 - sum(_kua, F(0)),  # 96.1858333...
    predicate=None,
    failed_next=frozenset({"ipak"}),
    display_total="96.19",
)

# --- Kankemenag Kabupaten Rejang Lebong 2021 (10/2019): WBBM, holds WBK ----------------------
_rl = [
    loss("0.33", 2, 3),  # A.I.3.b B (A-D)
    loss("0.33", 4, 4),  # A.II.2.d B (A-D)
    loss("0.33", "2.5", 6),  # A.III.3.c B (A-D)
    loss("0.33", 5, 8),  # A.IV.2.b B (A-D)
    loss("0.5", 3, 4),  # A.V.2.c B (A-C)
    loss("0.33", 3, 5),  # A.VI.2.e B (A-D)
    survey_loss("3.70"),  # B.I.1 16.1875
    loss("0.25", 5, 1),  # B.I.2 B: 3.75
    survey_loss("3.65"),  # B.II.1 15.96875
]
EXPECTED["kankemenag-kabupaten-rejang-lebong-2021.yaml"] = Expected(
    pack="permenpanrb-10-2019",
    total=100 - sum(_rl, F(0)),  # 94.43950
    predicate="WBBM",
    display_total="94.44",
)

# --- MTsN 1 Kota Bengkulu 2020-S2 (10/2019): WBK, not WBBM -----------------------------------
_mtsn = [
    loss(1, 1, 2),  # A.I.1.b C (A-C)
    loss(1, 2, 3),  # A.I.2.c Tidak
    loss(1, 3, 4),  # A.I.4.b Tidak
    loss("0.5", 4, 4),  # A.II.2.a B (A-C)
    loss(1, 4, 4),  # A.II.2.b C (A-C)
    loss(1, 1, 2),  # A.II.3.b Tidak
    loss("0.67", "2.5", 6),  # A.III.3.d C (A-D)
    loss("0.5", 4, 4),  # A.III.4.c C (A-E)
    loss("0.67", 4, 4),  # A.III.4.d C (A-D)
    loss(1, 5, 3),  # A.IV.1.c Tidak
    loss("0.5", 5, 8),  # A.IV.2.h B (A-C)
    loss(1, 3, 4),  # A.V.2.b D (A-D)
    loss(1, 3, 4),  # A.V.4.a Tidak
    loss("0.67", 3, 5),  # A.V.5.b C (A-D)
    loss("0.5", 3, 4),  # A.VI.1.a B (A-C)
    loss("0.67", 4, 3),  # A.VI.3.c C (A-D)
    survey_loss("3.62"),  # B.I.1 15.8375
    loss("0.5", 5, 1),  # B.I.2 C: 2.50
    survey_loss("3.30"),  # B.II.1 14.4375
]
EXPECTED["mtsn-1-kota-bengkulu-2020.yaml"] = Expected(
    pack="permenpanrb-10-2019",
    total=100 - sum(_mtsn, F(0)),  # 82.259666...
    predicate="WBK",
    failed_next=frozenset({"total", "bersih_bebas_kkn", "kinerja", "pelayanan", "predikat_wbk"}),
    display_total="82.26",
)

# --- Kanwil Kemenag Provinsi Bengkulu 2021-Q3 (10/2019): total 93 but kinerja D --------------
_kanwil = [
    loss("0.5", 3, 4),  # A.V.3.d B (A-C)
    loss("0.67", 4, 4),  # A.III.4.b C (A-D)
    survey_loss("3.80"),  # B.I.1 16.625
    loss("0.75", 5, 1),  # B.I.2 D: 1.25 < 2.50, so B.I = 17.875 < 18.25
    survey_loss("3.70"),  # B.II.1 16.1875
]
EXPECTED["kanwil-kemenag-provinsi-bengkulu-2021.yaml"] = Expected(
    pack="permenpanrb-10-2019",
    total=100 - sum(_kanwil, F(0)),  # 93.0175
    predicate=None,
    failed_next=frozenset({"bersih_bebas_kkn", "kinerja"}),
    display_total="93.02",
)

# --- Kemenag overlays (kma-633-2020 over 10/2019, kemenag-90-2021 over 90/2021) -------------
# An overlay scores exactly like its parent; each unit below is a parent example's answers
# with one more deviation, so its total is that example's total minus one more hand loss.

EXPECTED["kma-kankemenag-kabupaten-kepahiang-2021.yaml"] = Expected(
    pack="kma-633-2020",
    total=100 - sum([*_rl, loss("0.5", 4, 3)], F(0)),  # + A.VI.3.a B (A-C): 93.772833...
    predicate="WBBM",
    display_total="93.77",
)
EXPECTED["kma-man-1-rejang-lebong-2021.yaml"] = Expected(
    pack="kma-633-2020",
    total=100 - sum([*_mtsn, loss("0.33", 2, 3)], F(0)),  # + A.II.1.c B (A-D): 82.039666...
    predicate="WBK",
    failed_next=frozenset({"total", "bersih_bebas_kkn", "kinerja", "pelayanan", "predikat_wbk"}),
    display_total="82.04",
)
EXPECTED["kma-kua-kecamatan-curup-2021.yaml"] = Expected(
    pack="kma-633-2020",
    total=100 - sum([*_kanwil, loss("0.5", 2, 3)], F(0)),  # + A.I.2.b B (A-C): 92.684166...
    predicate=None,
    failed_next=frozenset({"bersih_bebas_kkn", "kinerja"}),
    display_total="92.68",
)
EXPECTED["kemenag-kankemenag-kabupaten-seluma-2026q1.yaml"] = Expected(
    pack="kemenag-90-2021",
    total=100 - sum([*_bengkulu_q1, loss("0.5", 1, 3)], F(0)),  # + A.I.6.v.b B (A-C)
    predicate="WBBM",
    display_total="93.78",
)
EXPECTED["kemenag-min-2-kota-bengkulu-2026q1.yaml"] = Expected(
    pack="kemenag-90-2021",
    total=100 - sum([*_man2, loss("0.5", 1, 3)], F(0)),  # + A.I.1.ii.b B (A-C): 80.140154...
    predicate="WBK",
    failed_next=_MAN2_SHORT_OF_WBBM,
    display_total="80.14",
)
