package io.aiodistbus.autoconfigure.jackson;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import tools.jackson.databind.json.JsonMapper;

import io.aiodistbus.autoconfigure.AiodistbusAutoConfiguration;
import io.aiodistbus.codec.PayloadMapper;

/**
 * Auto-configuration of the {@link PayloadMapper} the bus writes and reads payload classes with: the
 * application's Jackson 3 {@link JsonMapper} (Spring Boot's, so that {@code spring.jackson.*} applies,
 * or the application's own bean). Without one, the codec keeps its Jackson 2 default.
 */
@AutoConfiguration(before = AiodistbusAutoConfiguration.class,
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(JsonMapper.class)
public final class AiodistbusJacksonAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(JsonMapper.class)
	PayloadMapper aiodistbusPayloadMapper(JsonMapper jsonMapper) {
		return new JsonMapperPayloadMapper(jsonMapper);
	}

}
