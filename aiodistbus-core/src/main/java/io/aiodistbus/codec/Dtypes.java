package io.aiodistbus.codec;

/**
 * The dtype names Python gives its built-in types. A payload of one of these types is written and
 * read the same way on both sides, so these names never map to a registered class.
 */
public final class Dtypes {

	/** A string, written as a JSON string with non-ASCII escaped. */
	public static final String STR = "builtins.str";

	/** Raw bytes, the only payload not written as JSON. */
	public static final String BYTES = "builtins.bytes";

	/** An integer of any size. */
	public static final String INT = "builtins.int";

	/** A double precision number, {@code NaN} and {@code Infinity} included. */
	public static final String FLOAT = "builtins.float";

	/** {@code true} or {@code false}. */
	public static final String BOOL = "builtins.bool";

	/** A JSON object with string keys. */
	public static final String DICT = "builtins.dict";

	/** A JSON array. */
	public static final String LIST = "builtins.list";

	/** No payload: an emit without data, whose handler is called without an argument in Python. */
	public static final String NONE = "builtins.NoneType";

	private Dtypes() {
	}

	/**
	 * Whether a dtype names one of Python's built-in types rather than a payload class.
	 * @param dtype a dtype name
	 * @return {@code true} for the names declared here
	 */
	public static boolean isBuiltin(String dtype) {
		return switch (dtype) {
			case STR, BYTES, INT, FLOAT, BOOL, DICT, LIST, NONE -> true;
			default -> false;
		};
	}
}
