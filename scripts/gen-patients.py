#!/usr/bin/env python3
"""Writes N generated patients as JSON Lines to stdout, for timing the batch CLI on large inputs
(the records of crates/iectox-cli/benches/batch.rs: every HScore/CRS/ICANS input, varied).

    python3 scripts/gen-patients.py 1000000 > /tmp/big.jsonl
    /usr/bin/time -v target/release/iectox --format jsonl --compact < /tmp/big.jsonl > /dev/null

The data is generated, never committed. `--invalid-every K` makes every K-th record invalid
(a temperature out of range), to time the error path too.
"""
import random
import sys


def main():
    args = sys.argv[1:]
    invalid_every = 0
    if "--invalid-every" in args:
        i = args.index("--invalid-every")
        invalid_every = int(args[i + 1])
        del args[i : i + 2]
    n = int(args[0]) if args else 1_000_000
    rng = random.Random(0x01EC70C5)
    u = rng.uniform
    out = sys.stdout
    buf = []
    for i in range(n):
        temp = 55.0 if invalid_every and i % invalid_every == invalid_every - 1 else u(36.0, 41.0)
        buf.append(
            '{"id":%d,"temperature":{"value":%.1f,"unit":"°C"},"hypotension":%s,"vasopressors":%d,'
            '"oxygen_device":"nasal_cannula","oxygen_flow":{"value":%.0f,"unit":"L/min"},'
            '"fever_masking_therapy":false,"crs_death":false,'
            '"ferritin":{"value":%.0f,"unit":"ng/mL"},"triglycerides":{"value":%.1f,"unit":"mmol/L"},'
            '"fibrinogen":{"value":%.1f,"unit":"g/L"},"haemoglobin":{"value":%.1f,"unit":"g/dL"},'
            '"leukocytes":{"value":%.1f,"unit":"x10^9/L"},"platelets":{"value":%.0f,"unit":"x10^9/L"},'
            '"ast":{"value":%.0f,"unit":"U/L"},"ldh":{"value":%.0f,"unit":"U/L"},"crp":{"value":%.0f,"unit":"mg/L"},'
            '"hepatomegaly":%s,"splenomegaly":%s,"immunosuppression":false,"ice_total":%d}\n'
            % (
                i, temp, str(u(0, 1) > 0.5).lower(), int(u(0, 3)), u(1, 10), u(50, 40000),
                u(0.5, 8), u(0.5, 6), u(6, 15), u(0.2, 12), u(5, 400), u(10, 900), u(150, 3000),
                u(1, 300), str(u(0, 1) > 0.5).lower(), str(u(0, 1) > 0.5).lower(), int(u(0, 10.99)),
            )
        )
        if len(buf) >= 10_000:
            out.write("".join(buf))
            buf.clear()
    out.write("".join(buf))


if __name__ == "__main__":
    main()
