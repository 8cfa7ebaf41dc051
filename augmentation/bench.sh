#!/usr/bin/env bash
# Runs the augmentation JMH benchmark (images per second on one thread).
# Extra arguments go to JMH, for example: ./augmentation/bench.sh -p stages=seed_preset
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests install -pl augmentation -am
./mvnw -q -B -pl augmentation dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
exec java -cp "augmentation/target/test-classes:augmentation/target/classes:$(cat augmentation/target/bench.classpath)" \
  org.openjdk.jmh.Main AugmentationBenchmark "$@"
