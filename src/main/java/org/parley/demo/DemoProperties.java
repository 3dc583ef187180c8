package org.parley.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled seed the demo desk once; null (unset) seeds only on the embedded H2 database
 * @param password the password of every demo login (and of the demo mailbox)
 * @param mail the embedded mail server of demo mode
 */
@ConfigurationProperties(prefix = "parley.demo")
public record DemoProperties(Boolean enabled, String password, Mail mail) {

    public DemoProperties {
        password = password == null || password.isBlank() ? "parley-demo" : password;
        mail = mail == null ? new Mail(null, null, null, null, null) : mail;
    }

    /**
     * {@code parley.demo.mail.*}: GreenMail on local ports, connected as the email channel "Demo support".
     *
     * @param enabled start the mail server in demo mode (default true)
     * @param smtpPort its SMTP port on 127.0.0.1 (default 3025; 0 = any free port)
     * @param imapPort its IMAP port on 127.0.0.1 (default 3143; 0 = any free port)
     * @param address the demo mailbox's address (and login)
     * @param feedInterval a demo customer writes a new mail this often (default 20 s; 0 = never)
     */
    public record Mail(Boolean enabled, Integer smtpPort, Integer imapPort, String address, Duration feedInterval) {

        public Mail {
            enabled = enabled == null || enabled;
            smtpPort = smtpPort == null ? 3025 : smtpPort;
            imapPort = imapPort == null ? 3143 : imapPort;
            address = address == null || address.isBlank() ? "support@parley.example" : address.strip();
            feedInterval = feedInterval == null ? Duration.ofSeconds(20) : feedInterval;
        }
    }
}
