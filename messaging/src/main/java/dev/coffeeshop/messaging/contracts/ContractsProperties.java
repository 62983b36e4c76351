package dev.coffeeshop.messaging.contracts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The versions of this service's published interfaces, as the documents' {@code info.version} states them: the major
 * is raised for a change the compatibility check refuses (docs/contracts.md), the minor for an addition.
 *
 * @param httpApiVersion the HTTP API's, in the OpenAPI document
 * @param eventsVersion the channels', in the AsyncAPI document
 */
@ConfigurationProperties("coffeeshop.contracts")
public record ContractsProperties(
        @DefaultValue("1.0.0") String httpApiVersion,
        @DefaultValue("1.0.0") String eventsVersion) {}
