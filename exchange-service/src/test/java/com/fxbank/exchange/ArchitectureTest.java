package com.fxbank.exchange;

import com.fxbank.testsupport.HexagonalArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void the_domain_and_the_application_never_depend_on_adapters_and_adapters_never_on_each_other() {
        HexagonalArchitecture.check("com.fxbank.exchange");
    }
}
