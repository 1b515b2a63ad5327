package io.aiodistbus.autoconfigure.scan;

import io.aiodistbus.spring.EventedBean;

@EventedBean(debounce = "10ms")
public class Preferences {

	private String theme = "light";

	public String getTheme() {
		return this.theme;
	}

	public void setTheme(String theme) {
		this.theme = theme;
	}

}
