package dev.regnotify.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void oneStarStaysWithinOneSegment() {
        Glob team = Glob.repository("team/*");
        assertTrue(team.matches("team/app"));
        assertFalse(team.matches("team/app/web"));
        assertFalse(team.matches("team"));
        assertFalse(team.matches("teams/app"));
        assertTrue(Glob.repository("team/app-*").matches("team/app-web"));
        assertFalse(Glob.repository("team/app-*").matches("team/app"));
    }

    @Test
    void twoStarsMatchAnyDepth() {
        Glob team = Glob.repository("team/**");
        assertTrue(team.matches("team/app"));
        assertTrue(team.matches("team/app/web"));
        assertFalse(team.matches("team"));
        assertFalse(team.matches("other/app"));
        Glob anyApp = Glob.repository("**/app");
        assertTrue(anyApp.matches("app"));
        assertTrue(anyApp.matches("a/b/app"));
        assertFalse(anyApp.matches("a/b/app2"));
        Glob middle = Glob.repository("team/**/web");
        assertTrue(middle.matches("team/web"));
        assertTrue(middle.matches("team/a/b/web"));
        assertTrue(Glob.repository("**").matches("a/b/c"));
    }

    @Test
    void otherCharactersAreLiterals() {
        assertTrue(Glob.repository("a.b/c").matches("a.b/c"));
        assertFalse(Glob.repository("a.b/c").matches("axb/c"));
        assertTrue(Glob.tag("v1.*").matches("v1.2.3"));
        assertFalse(Glob.tag("v1.*").matches("v10"));
        assertTrue(Glob.tag("*-rc*").matches("2.0-rc1"));
        assertTrue(Glob.tag("latest").matches("latest"));
        assertFalse(Glob.tag("latest").matches("latest2"));
    }

    @Test
    void invalidGlobsSayWhatIsWrong() {
        assertEquals("\"team**\" is not a glob: '**' must be a whole path segment",
                assertThrows(IllegalArgumentException.class, () -> Glob.repository("team**")).getMessage());
        assertEquals("\"team//app\" is not a glob: it has an empty path segment",
                assertThrows(IllegalArgumentException.class, () -> Glob.repository("team//app")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Glob.repository("/team")).getMessage()
                .contains("empty path segment"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Glob.repository("Team/*")).getMessage()
                .startsWith("\"Team/*\" is not a glob: expected lower-case letters"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Glob.tag("v1/*")).getMessage()
                .startsWith("\"v1/*\" is not a glob"));
        assertThrows(IllegalArgumentException.class, () -> Glob.tag(""));
        assertThrows(IllegalArgumentException.class, () -> Glob.repository("team/[ab]"));
    }

    @Test
    void globsAreEqualByText() {
        assertEquals(Glob.repository("team/*"), Glob.repository("team/*"));
        assertEquals("team/*", Glob.repository("team/*").toString());
    }
}
