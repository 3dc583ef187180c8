package org.parley.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled seed the demo desk once; null (unset) seeds only on the embedded H2 database
 * @param password the password of every demo login
 */
@ConfigurationProperties(prefix = "parley.demo")
public record DemoProperties(Boolean enabled, String password) {

    public DemoProperties {
        password = password == null || password.isBlank() ? "parley-demo" : password;
    }
}
