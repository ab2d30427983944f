<?xml version="1.0" encoding="UTF-8"?>
<!--
  teams.xsl: the municipality's teams as its staff see them: where to
  take a concern (a discussion team) or a family (a team with an
  intake), how often each meets and when next; the reader's own teams
  first. View: h_team.c (<teams><team id kind name purpose meets
  capacity-families active members my-role next-meeting/></teams>).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="team.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="i:t('Teams')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <p><a href="/"><xsl:value-of select="i:t('Start page')"/></a></p>
    <h1><xsl:value-of select="i:t('Teams')"/></h1>
    <p class="intro"><xsl:value-of select="i:t('The municipality’s teams. A discussion team gives advice on concerns without the child’s name: put a concern of yours on one of its meetings from the concern’s page. A team with an intake takes families referred from a relay log, with the guardians’ consent.')"/></p>
    <xsl:choose>
      <xsl:when test="not(teams/team[@active = 'true'])">
        <p class="none"><xsl:value-of select="i:t('The municipality has registered no team yet.')"/></p>
      </xsl:when>
      <xsl:otherwise>
        <ul class="cards">
          <xsl:for-each select="teams/team[@active = 'true']">
            <li>
              <h2><a href="/teams/{@id}"><xsl:value-of select="@name"/></a></h2>
              <p><xsl:call-template name="team-kind"><xsl:with-param name="k" select="@kind"/></xsl:call-template></p>
              <xsl:if test="@purpose != ''"><p><xsl:value-of select="@purpose"/></p></xsl:if>
              <p>
                <xsl:if test="@meets != ''"><xsl:value-of select="i:t('Meets: {0}', @meets)"/><xsl:text>. </xsl:text></xsl:if>
                <xsl:choose>
                  <xsl:when test="@next-meeting">
                    <xsl:variable name="next"><xsl:call-template name="datetime"><xsl:with-param name="d" select="@next-meeting"/></xsl:call-template></xsl:variable>
                    <xsl:value-of select="i:t('Next meeting: {0}', $next)"/>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="i:t('No meeting is planned.')"/></xsl:otherwise>
                </xsl:choose>
              </p>
              <xsl:if test="@my-role">
                <p><span class="tag info">
                  <xsl:choose>
                    <xsl:when test="@my-role = 'leader'"><xsl:value-of select="i:t('You lead it')"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="i:t('You are a member')"/></xsl:otherwise>
                  </xsl:choose>
                </span></p>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
