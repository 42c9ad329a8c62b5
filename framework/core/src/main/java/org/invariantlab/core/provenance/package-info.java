/** What produced a result: versions, extensions with their plugins, resolved parameters, seed. */
package org.invariantlab.core.provenance;
