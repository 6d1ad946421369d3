/**
 * One token scheme for every service: bearer JWTs with the roles CUSTOMER, OPERATOR and SERVICE, verified against
 * the issuer's published keys; the request limits of every HTTP port ({@code limits}).
 */
package com.fxbank.security;
