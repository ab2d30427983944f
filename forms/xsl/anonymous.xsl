<?xml version="1.0" encoding="UTF-8"?>
<!--
  anonymous.xsl: a concern without anything that identifies the child
  (no name, identity number, birth date or reference): what may be read
  out or shown in an interdisciplinary team without consent. View:
  h_concern.c (page "anonymous": <concern id level unit-kind age
  reader="team" when the reader is a team member who reads only this> and
  the stored form without the child's group).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>
  <xsl:import href="_form.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="i:t('Concern for anonymous discussion')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="c" select="concern"/>
    <h1><xsl:value-of select="i:t('Concern for anonymous discussion')"/></h1>
    <div class="callout">
      <p><xsl:value-of select="i:t('This version has no name, identity number, date of birth or reference. It can be discussed in a team without the guardians’ consent. Do not add anything in the discussion that could identify the child or the family.')"/></p>
    </div>
    <dl class="facts">
      <xsl:if test="$c/@age">
        <dt><xsl:value-of select="i:t('Age')"/></dt>
        <dd><xsl:value-of select="i:t('{0} years', $c/@age)"/></dd>
      </xsl:if>
      <xsl:if test="$c/@unborn">
        <dt><xsl:value-of select="i:t('Age')"/></dt>
        <dd><xsl:value-of select="i:t('not born yet')"/></dd>
      </xsl:if>
      <dt><xsl:value-of select="i:t('Written in')"/></dt>
      <dd><xsl:call-template name="service"><xsl:with-param name="code" select="$c/@unit-kind"/></xsl:call-template></dd>
      <dt><xsl:value-of select="i:t('Level')"/></dt>
      <dd><xsl:value-of select="$c/@level"/></dd>
    </dl>
    <h2><xsl:value-of select="i:t('What was written')"/></h2>
    <xsl:apply-templates select="$c/form" mode="show"/>
    <p class="no-print">
      <xsl:choose>
        <xsl:when test="$c/@reader = 'team'">
          <a href="/teams"><xsl:value-of select="i:t('Back to the teams, to record the team’s advice on the agenda')"/></a>
        </xsl:when>
        <xsl:otherwise>
          <a href="/concerns/{$c/@id}#discussed"><xsl:value-of select="i:t('Record the team’s advice on the concern')"/></a>
        </xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>
</xsl:stylesheet>
