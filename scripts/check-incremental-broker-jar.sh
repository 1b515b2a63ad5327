#!/usr/bin/env bash
# Checks that an incremental build (no `clean`) puts changed core classes into aiodistbus-broker.jar:
# build, change a core class, build again, and compare every core class in the jar with the freshly
# compiled one. The changed source is restored on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source_file=aiodistbus-core/src/main/java/io/aiodistbus/distributed/BrokerMain.java
backup=$(mktemp)
build() { ./mvnw -B -q -pl aiodistbus-broker -am package -DskipTests; }
jar_is_fresh() {
	local bad=0
	for class in $(cd aiodistbus-core/target/classes && find . -name '*.class' | sed 's|^\./||'); do
		if ! unzip -p aiodistbus-broker/target/aiodistbus-broker.jar "$class" | cmp -s - "aiodistbus-core/target/classes/$class"; then
			echo "stale or missing in aiodistbus-broker.jar: $class"
			bad=1
		fi
	done
	return $bad
}
build
cp "$source_file" "$backup"
trap 'cp "$backup" "$source_file"; rm -f "$backup"' EXIT
sed -i 's|^public final class BrokerMain {|public final class BrokerMain {\n\n\tstatic final String INCREMENTAL_MARKER = "marker-'"$(date +%s%N)"'";|' "$source_file"
grep -q INCREMENTAL_MARKER "$source_file"
build
if ! jar_is_fresh; then
	echo "FAIL: aiodistbus-broker.jar kept classes from the previous build"
	exit 1
fi
echo "OK: an incremental build puts changed core classes into aiodistbus-broker.jar"
