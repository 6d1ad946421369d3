package com.fxbank.issuer;

import java.util.List;

import com.fxbank.security.FxBankSecurityAutoConfiguration;
import com.fxbank.security.Role;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The people who sign in at the development issuer's login page (the operator console's sign-in): any valid subject
 * name with the public development password; those named in {@code fxbank.issuer.operators} (default {@code ops}) are
 * operators, everyone else a customer. Like {@link DevelopmentClients}, a development tool only: the issuer refuses to
 * start outside development mode. In production the console signs in at the bank's identity provider.
 */
final class DevelopmentUsers implements UserDetailsService {

    private final IssuerProperties properties;

    DevelopmentUsers(IssuerProperties properties) {
        this.properties = properties;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        if (!FxBankSecurityAutoConfiguration.isSubject(username)) {
            throw new UsernameNotFoundException("not a subject name");
        }
        Role role = properties.operators().contains(username) ? Role.OPERATOR : Role.CUSTOMER;
        return User.withUsername(username)
                .password("{noop}" + properties.password())
                .authorities(List.of(new SimpleGrantedAuthority(role.authority())))
                .build();
    }
}
