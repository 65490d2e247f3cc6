package io.linewatch.common.security;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service to exercise the shared security against: one read and one ingest endpoint. */
@SpringBootApplication
class SecurityTestApplication {

    @RestController
    static class Endpoints {

        @GetMapping("/api/v1/things")
        @PreAuthorize("hasRole('READ')")
        String read() {
            return "things";
        }

        @PostMapping("/api/v1/things")
        @PreAuthorize("hasRole('INGEST')")
        String write() {
            return "written";
        }
    }
}
