/**
 * What every module shares and nothing else: {@code Money} at the currency's minor unit and the one amount
 * rule, the one exchange id, client-input checks, the stereotypes of the hexagonal packages, the production posture,
 * the one problem-details answer, free ports. Plain Java apart from Spring annotations.
 */
package com.fxbank.common;
