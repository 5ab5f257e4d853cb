package dlm.opensearch.icu;

import com.ibm.icu.text.FilteredNormalizer2;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.UnicodeSet;
import org.opensearch.common.settings.Settings;

/** Shared parsing of the ICU normalizer settings. */
final class IcuSettings {

    private IcuSettings() {}

    /**
     * Normalizer from {@code name} (nfc, nfkc, nfkc_cf; default nfkc_cf) and
     * {@code mode} (compose or decompose; default compose).
     */
    static Normalizer2 normalizer(Settings settings) {
        String name = settings.get("name", "nfkc_cf");
        String mode = settings.get("mode", "compose");
        Normalizer2.Mode m;
        switch (mode) {
            case "compose":
                m = Normalizer2.Mode.COMPOSE;
                break;
            case "decompose":
                m = Normalizer2.Mode.DECOMPOSE;
                break;
            default:
                throw new IllegalArgumentException("icu_normalizer: unknown mode [" + mode + "], expected compose or decompose");
        }
        return Normalizer2.getInstance(null, name, m);
    }

    /** Restricts {@code normalizer} to the characters of {@code unicode_set_filter}, if that setting is present. */
    static Normalizer2 filtered(Normalizer2 normalizer, Settings settings) {
        String filter = settings.get("unicode_set_filter");
        if (filter == null || filter.isEmpty()) {
            return normalizer;
        }
        return new FilteredNormalizer2(normalizer, new UnicodeSet(filter).freeze());
    }
}
