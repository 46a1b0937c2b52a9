#!/usr/bin/env bash
# Spark needs a Java runtime (17+ for Spark 4). Install one when it is missing and
# we can: root with apt-get. Otherwise say so and exit non-zero; the Spark tests
# then skip with that message. Safe to run repeatedly.
set -euo pipefail
if command -v java >/dev/null 2>&1; then
    java -version 2>&1 | head -1
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "java not found, and cannot install it here (needs root and apt-get): install a JRE 17+ and set JAVA_HOME" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq openjdk-17-jre-headless >/dev/null
java -version 2>&1 | head -1
