package io.aiodistbus.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class Settings {

	private String theme = "light";

	private List<String> tags = new ArrayList<>();

	private Map<String, String> values = new LinkedHashMap<>();

	private Address address;

	public String getTheme() {
		return this.theme;
	}

	public void setTheme(String theme) {
		this.theme = theme;
	}

	public List<String> getTags() {
		return this.tags;
	}

	public void setTags(List<String> tags) {
		this.tags = tags;
	}

	public Map<String, String> getValues() {
		return this.values;
	}

	public void setValues(Map<String, String> values) {
		this.values = values;
	}

	public Address getAddress() {
		return this.address;
	}

	public void setAddress(Address address) {
		this.address = address;
	}

	public static class Address {

		private String city;

		public String getCity() {
			return this.city;
		}

		public void setCity(String city) {
			this.city = city;
		}

	}

}
