#!/usr/bin/env python3
"""Writes a deterministic routes CSV of at least SIZE megabytes (default 100) to PATH.

The rows look like a provider's export: a Telegent header, names with commas and doubled
quotes in quoted fields, a quoted multi-line description now and then, CRLF line ends.
Usage: gen.py PATH [SIZE_MB]
"""
import csv
import random
import sys

HEADER = ["RouteName", "RouteType", "TrunkIp1", "Trunk1Priortiy", "TrunkIp2", "Trunk2Priortiy",
          "IpWhitelist", "VoiceAuthenticationType", "Description"]
WORDS = ["Acme", "Inc.", "Northwind", "Contoso", "Globex", "Initech", "Umbrella", "Hooli",
         "Vandelay", "Stark", "Wayne", "Tyrell", "Cyberdyne", "Soylent", "Wonka", "Oceanic"]


def ip(rng):
    return ".".join(str(rng.randint(1, 254)) for _ in range(4))


def row(rng, n):
    name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {n}"
    if n % 3 == 0:
        name = f"{rng.choice(WORDS)}, {rng.choice(WORDS)} {n}"
    if n % 11 == 0:
        name = f'{name} "east"'
    description = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 8)))
    if n % 17 == 0:
        description += "\nsecond line, with a comma"
    whitelist = ";".join(ip(rng) for _ in range(rng.randint(1, 3)))
    return [name, rng.choice(["SIP", "PSTN", "SIPTRUNK"]), ip(rng), str(rng.randint(1, 10)),
            ip(rng), str(rng.randint(1, 10)), whitelist, rng.choice(["IP", "Digest", "None"]),
            description]


def main():
    path = sys.argv[1]
    target = int(float(sys.argv[2] if len(sys.argv) > 2 else 100) * 1_000_000)
    rng = random.Random(4)
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(HEADER)
        n = 0
        while out.tell() < target:
            for _ in range(10_000):
                n += 1
                writer.writerow(row(rng, n))
    print(f"{path}: {n} data records")


if __name__ == "__main__":
    main()
