#!/usr/bin/env bash
# Checks that an incremental build (no `clean`) puts changed classes into aiodistbus-broker.jar:
# build, change a class of core, one of the NATS module and the broker's main class, build again, and
# compare every class of the three modules in the jar with the freshly compiled one. The changed
# sources are restored on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
core_file=aiodistbus-core/src/main/java/io/aiodistbus/distributed/CurveKeys.java
nats_file=aiodistbus-nats/src/main/java/io/aiodistbus/nats/NatsBridgeCommand.java
main_file=aiodistbus-broker/src/main/java/io/aiodistbus/broker/BrokerMain.java
backup=$(mktemp -d)
build() { ./mvnw -B -q -pl aiodistbus-broker -am package -DskipTests; }
jar_is_fresh() {
	local bad=0
	for module in aiodistbus-core aiodistbus-nats aiodistbus-broker; do
		for class in $(cd $module/target/classes && find . -name '*.class' | sed 's|^\./||'); do
			if ! unzip -p aiodistbus-broker/target/aiodistbus-broker.jar "$class" | cmp -s - "$module/target/classes/$class"; then
				echo "stale or missing in aiodistbus-broker.jar: $class"
				bad=1
			fi
		done
	done
	return $bad
}
# adds a constant after the line declaring the class, so that its compiled class changes
mark() {
	local file=$1 class=$2
	sed -i 's|^public final class '"$class"' {|public final class '"$class"' {\n\n\tstatic final String INCREMENTAL_MARKER = "marker-'"$(date +%s%N)"'";|' "$file"
	grep -q INCREMENTAL_MARKER "$file"
}
build
cp "$core_file" "$backup/core"
cp "$nats_file" "$backup/nats"
cp "$main_file" "$backup/main"
trap 'cp "$backup/core" "$core_file"; cp "$backup/nats" "$nats_file"; cp "$backup/main" "$main_file"; rm -rf "$backup"' EXIT
mark "$core_file" CurveKeys
mark "$nats_file" NatsBridgeCommand
mark "$main_file" BrokerMain
build
if ! jar_is_fresh; then
	echo "FAIL: aiodistbus-broker.jar kept classes from the previous build"
	exit 1
fi
echo "OK: an incremental build puts changed core, NATS and broker classes into aiodistbus-broker.jar"
